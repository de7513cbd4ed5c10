//! A reader that feeds every byte it passes on to a [`QuoteScan`].

use model::quotes::QuoteScan;

/// A reader that shows every byte it passes on to a [`QuoteScan`].
pub(crate) struct Scanned<R> {
    pub inner: R,
    pub scan: QuoteScan,
    /// The input is exhausted, so an open quote can no longer close.
    pub eof: bool,
}

impl<R> Scanned<R> {
    pub fn new(inner: R) -> Scanned<R> {
        Scanned {
            inner,
            scan: QuoteScan::new(b','),
            eof: false,
        }
    }

    /// Once the input is exhausted: where a quote that never closed was opened.
    pub fn unclosed(&self) -> Option<(u64, usize)> {
        self.scan.unclosed().filter(|_| self.eof)
    }
}

impl<R: std::io::Read> std::io::Read for Scanned<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.scan.feed(&buf[..n]);
        self.eof |= n == 0 && !buf.is_empty();
        Ok(n)
    }
}
