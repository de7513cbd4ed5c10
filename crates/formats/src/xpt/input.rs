//! A forward-only byte source with a small look-ahead and an absolute offset, so the reader
//! can recognise padding and the next member before consuming them. The buffer only grows as
//! far as bytes actually arrive, so a header that lies about sizes cannot make it allocate
//! more than the file holds.

use super::XptError;
use std::io::{ErrorKind, Read};

const CHUNK: usize = 64 * 1024;

pub(crate) struct Input<R> {
    inner: R,
    buf: Vec<u8>,
    start: usize,
    /// Absolute offset of `buf[start]`.
    offset: u64,
    eof: bool,
}

impl<R: Read> Input<R> {
    pub fn new(inner: R) -> Input<R> {
        Input {
            inner,
            buf: Vec::new(),
            start: 0,
            offset: 0,
            eof: false,
        }
    }

    pub fn offset(&self) -> u64 {
        self.offset
    }

    /// Makes at least `n` bytes available unless the input ends first; returns what is
    /// available.
    pub fn fill(&mut self, n: usize) -> Result<&[u8], XptError> {
        while self.buf.len() - self.start < n && !self.eof {
            if self.start > 0 && self.start >= self.buf.len() / 2 {
                self.buf.drain(..self.start);
                self.start = 0;
            }
            let old = self.buf.len();
            // Grow by one chunk per read, never by what was asked for: `n` can come from a
            // header that lies (an observation length of 2 GB in a 1 KB file).
            self.buf.resize(old + CHUNK, 0);
            let got = loop {
                match self.inner.read(&mut self.buf[old..]) {
                    Ok(k) => break k,
                    Err(e) if e.kind() == ErrorKind::Interrupted => continue,
                    Err(source) => {
                        self.buf.truncate(old);
                        let offset = self.offset + (old - self.start) as u64;
                        return Err(XptError::Io { offset, source });
                    }
                }
            };
            self.buf.truncate(old + got);
            self.eof = got == 0;
        }
        Ok(&self.buf[self.start..])
    }

    /// Exactly `n` bytes, or [`XptError::Truncated`] naming what was being read.
    pub fn take(&mut self, n: usize, context: &'static str) -> Result<&[u8], XptError> {
        let have = self.fill(n)?.len();
        if have < n {
            return Err(XptError::Truncated {
                offset: self.offset + have as u64,
                context,
                missing: (n - have) as u64,
            });
        }
        let s = self.start;
        self.start += n;
        self.offset += n as u64;
        Ok(&self.buf[s..s + n])
    }

    /// Drops up to `n` available bytes (callers have looked at them already).
    pub fn skip(&mut self, n: usize) {
        let n = n.min(self.buf.len() - self.start);
        self.start += n;
        self.offset += n as u64;
    }

    /// Skips to the next multiple of `record` bytes from the start of the file.
    pub fn align(&mut self, record: usize, context: &'static str) -> Result<(), XptError> {
        let rem = (self.offset % record as u64) as usize;
        if rem != 0 {
            self.take(record - rem, context)?;
        }
        Ok(())
    }
}
