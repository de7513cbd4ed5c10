//! Country names as registries write them → ISO 3166-1 alpha-3, for TS FCNTRY.
//!
//! Registries spell countries in English (CT.gov uses its own list of short names). The table
//! holds the countries that run most registered trials plus the usual alternative spellings;
//! a name not here keeps its text with an RG0009 notice rather than a guessed code.

/// (name in lower case, alpha-3).
const COUNTRIES: &[(&str, &str)] = &[
    ("argentina", "ARG"),
    ("australia", "AUS"),
    ("austria", "AUT"),
    ("bangladesh", "BGD"),
    ("belarus", "BLR"),
    ("belgium", "BEL"),
    ("bosnia and herzegovina", "BIH"),
    ("brazil", "BRA"),
    ("bulgaria", "BGR"),
    ("cameroon", "CMR"),
    ("canada", "CAN"),
    ("chile", "CHL"),
    ("china", "CHN"),
    ("colombia", "COL"),
    ("costa rica", "CRI"),
    ("croatia", "HRV"),
    ("cuba", "CUB"),
    ("cyprus", "CYP"),
    ("czechia", "CZE"),
    ("czech republic", "CZE"),
    ("denmark", "DNK"),
    ("dominican republic", "DOM"),
    ("ecuador", "ECU"),
    ("egypt", "EGY"),
    ("estonia", "EST"),
    ("ethiopia", "ETH"),
    ("finland", "FIN"),
    ("france", "FRA"),
    ("georgia", "GEO"),
    ("germany", "DEU"),
    ("ghana", "GHA"),
    ("greece", "GRC"),
    ("guatemala", "GTM"),
    ("hong kong", "HKG"),
    ("hungary", "HUN"),
    ("iceland", "ISL"),
    ("india", "IND"),
    ("indonesia", "IDN"),
    ("iran", "IRN"),
    ("iran, islamic republic of", "IRN"),
    ("iraq", "IRQ"),
    ("ireland", "IRL"),
    ("israel", "ISR"),
    ("italy", "ITA"),
    ("japan", "JPN"),
    ("jordan", "JOR"),
    ("kazakhstan", "KAZ"),
    ("kenya", "KEN"),
    ("korea, republic of", "KOR"),
    ("republic of korea", "KOR"),
    ("south korea", "KOR"),
    ("korea", "KOR"),
    ("kuwait", "KWT"),
    ("latvia", "LVA"),
    ("lebanon", "LBN"),
    ("lithuania", "LTU"),
    ("luxembourg", "LUX"),
    ("malawi", "MWI"),
    ("malaysia", "MYS"),
    ("mexico", "MEX"),
    ("moldova", "MDA"),
    ("moldova, republic of", "MDA"),
    ("morocco", "MAR"),
    ("netherlands", "NLD"),
    ("the netherlands", "NLD"),
    ("new zealand", "NZL"),
    ("nigeria", "NGA"),
    ("north macedonia", "MKD"),
    ("norway", "NOR"),
    ("pakistan", "PAK"),
    ("panama", "PAN"),
    ("peru", "PER"),
    ("philippines", "PHL"),
    ("poland", "POL"),
    ("portugal", "PRT"),
    ("puerto rico", "PRI"),
    ("qatar", "QAT"),
    ("romania", "ROU"),
    ("russia", "RUS"),
    ("russian federation", "RUS"),
    ("saudi arabia", "SAU"),
    ("serbia", "SRB"),
    ("singapore", "SGP"),
    ("slovakia", "SVK"),
    ("slovenia", "SVN"),
    ("south africa", "ZAF"),
    ("spain", "ESP"),
    ("sri lanka", "LKA"),
    ("sweden", "SWE"),
    ("switzerland", "CHE"),
    ("taiwan", "TWN"),
    ("tanzania", "TZA"),
    ("thailand", "THA"),
    ("tunisia", "TUN"),
    ("turkey", "TUR"),
    ("türkiye", "TUR"),
    ("uganda", "UGA"),
    ("ukraine", "UKR"),
    ("united arab emirates", "ARE"),
    ("united kingdom", "GBR"),
    ("uk", "GBR"),
    ("united states", "USA"),
    ("united states of america", "USA"),
    ("usa", "USA"),
    ("uruguay", "URY"),
    ("venezuela", "VEN"),
    ("vietnam", "VNM"),
    ("viet nam", "VNM"),
    ("zambia", "ZMB"),
    ("zimbabwe", "ZWE"),
];

/// The alpha-3 code of a country name (or of a code already in alpha-3).
pub(crate) fn alpha3(name: &str) -> Option<&'static str> {
    let key = name.split_whitespace().collect::<Vec<_>>().join(" ");
    let lower = key.to_lowercase();
    COUNTRIES
        .iter()
        .find(|(n, a)| *n == lower || a.eq_ignore_ascii_case(&key))
        .map(|(_, a)| *a)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_codes() {
        assert_eq!(alpha3("Japan"), Some("JPN"));
        assert_eq!(alpha3(" United  States "), Some("USA"));
        assert_eq!(alpha3("Korea, Republic of"), Some("KOR"));
        assert_eq!(alpha3("FRA"), Some("FRA"));
        assert_eq!(alpha3("Atlantis"), None);
    }
}
