//! A JSON value together with the RFC 6901 pointer that reached it, so every type or
//! enum error can say exactly where it is.

use super::F;
use crate::codes::Coded;
use crate::error::{Location, RegistryError};
use serde_json::Value;

/// A JSON value with the pointer that reached it.
#[derive(Clone)]
pub(super) struct At<'a> {
    pub(super) v: &'a Value,
    pub(super) ptr: String,
}

fn kind(v: &Value) -> String {
    match v {
        Value::Null => "null".into(),
        Value::Bool(b) => format!("boolean {b}"),
        Value::Number(n) => format!("number {n}"),
        Value::String(s) => format!("string {s:?}"),
        Value::Array(_) => "an array".into(),
        Value::Object(_) => "an object".into(),
    }
}

impl<'a> At<'a> {
    pub(super) fn loc(&self) -> Location {
        Location::Pointer(self.ptr.clone())
    }

    pub(super) fn wrong(&self, expected: &'static str) -> RegistryError {
        RegistryError::WrongType {
            format: F,
            at: self.loc(),
            expected,
            found: kind(self.v),
        }
    }

    /// The member `name`; `None` when absent or null. Errors when `self` is not an object.
    pub(super) fn get(&self, name: &str) -> Result<Option<At<'a>>, RegistryError> {
        let obj = self.v.as_object().ok_or_else(|| self.wrong("an object"))?;
        let escaped = name.replace('~', "~0").replace('/', "~1");
        Ok(obj.get(name).filter(|v| !v.is_null()).map(|v| At {
            v,
            ptr: format!("{}/{escaped}", self.ptr),
        }))
    }

    pub(super) fn str(&self) -> Result<&'a str, RegistryError> {
        self.v.as_str().ok_or_else(|| self.wrong("a string"))
    }

    pub(super) fn text(&self, name: &str) -> Result<Option<String>, RegistryError> {
        match self.get(name)? {
            Some(a) => Ok(Some(a.str()?.trim().to_owned()).filter(|s| !s.is_empty())),
            None => Ok(None),
        }
    }

    pub(super) fn items(&self, name: &str) -> Result<Vec<At<'a>>, RegistryError> {
        let Some(a) = self.get(name)? else {
            return Ok(Vec::new());
        };
        let arr = a.v.as_array().ok_or_else(|| a.wrong("an array"))?;
        Ok(arr
            .iter()
            .enumerate()
            .map(|(i, v)| At {
                v,
                ptr: format!("{}/{i}", a.ptr),
            })
            .collect())
    }

    pub(super) fn strings(&self, name: &str) -> Result<Vec<String>, RegistryError> {
        self.items(name)?
            .iter()
            .map(|a| a.str().map(|s| s.trim().to_owned()))
            .collect()
    }

    pub(super) fn bool(&self, name: &str) -> Result<Option<bool>, RegistryError> {
        self.get(name)?
            .map(|a| a.v.as_bool().ok_or_else(|| a.wrong("a boolean")))
            .transpose()
    }

    pub(super) fn module(&self, name: &str) -> Result<At<'a>, RegistryError> {
        static EMPTY: Value = Value::Null;
        Ok(self.get(name)?.unwrap_or(At {
            v: &EMPTY,
            ptr: format!("{}/{name}", self.ptr),
        }))
    }

    /// An enum token: `from_key` decides; unknown tokens are errors.
    pub(super) fn code<T>(
        &self,
        field: &'static str,
        parse: fn(&str) -> Option<T>,
    ) -> Result<Coded<T>, RegistryError> {
        let raw = self.str()?;
        let value = parse(raw).ok_or_else(|| RegistryError::UnknownValue {
            format: F,
            at: self.loc(),
            field,
            value: raw.to_owned(),
        })?;
        Ok(Coded::new(value, raw))
    }

    pub(super) fn opt_code<T>(
        &self,
        name: &str,
        field: &'static str,
        parse: fn(&str) -> Option<T>,
    ) -> Result<Option<Coded<T>>, RegistryError> {
        self.get(name)?.map(|a| a.code(field, parse)).transpose()
    }

    pub(super) fn invalid(&self, value: &str, reason: &'static str) -> RegistryError {
        RegistryError::InvalidValue {
            format: F,
            at: self.loc(),
            value: value.to_owned(),
            reason,
        }
    }
}

// An absent module reads as an empty object, so lookups inside it give `None`.
impl At<'_> {
    pub(super) fn present(&self) -> bool {
        !self.v.is_null()
    }
}
