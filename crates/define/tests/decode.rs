//! A define.xml is read in the encoding it declares.

#[test]
fn the_declared_encoding_decodes_and_bad_bytes_are_refused() {
    let latin1 = b"<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><ODM>\xb5g</ODM>".to_vec();
    assert_eq!(
        define::read::decode(latin1).unwrap(),
        "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><ODM>\u{b5}g</ODM>"
    );
    let utf16: Vec<u8> = [0xff, 0xfe]
        .into_iter()
        .chain("<ODM/>".encode_utf16().flat_map(u16::to_le_bytes))
        .collect();
    assert_eq!(define::read::decode(utf16).unwrap(), "<ODM/>");
    let bad = b"<?xml version=\"1.0\" encoding='UTF-8'?><ODM>\xff</ODM>".to_vec();
    let e = define::read::decode(bad).unwrap_err();
    assert!(e.contains("UTF-8"), "{e}");
    let undeclared = b"<ODM>\xb5</ODM>".to_vec();
    assert!(define::read::decode(undeclared).is_err());
}
