//! The one table of rule codes. A code is never reused: retire a rule by marking it
//! `Deprecated`, and give its replacement a new code.

use crate::rule::{Rule, Status};
use crate::sdtm;

pub struct Entry {
    pub code: &'static str,
    pub status: Status,
    pub rule: &'static dyn Rule,
}

const fn stable(code: &'static str, rule: &'static dyn Rule) -> Entry {
    Entry {
        code,
        status: Status::Stable,
        rule,
    }
}

pub static TABLE: &[Entry] = &[
    stable("SDT0001", &sdtm::DomainValueLength),
    stable("SDT0002", &sdtm::DomainValueMismatch),
    stable("SDT0003", &sdtm::DatasetNameTooLong),
    stable("SDT0004", &sdtm::VariableNameInvalid),
    stable("SDT0005", &sdtm::VariableLabelTooLong),
    stable("SDT0006", &sdtm::ValueTooLong),
    stable("SDT0007", &sdtm::NonAsciiValue),
    stable("SDT0008", &sdtm::UsubjidNotUniqueInDm),
    stable("SDT0009", &sdtm::SubjectNotInDm),
    stable("SDT0010", &sdtm::SeqNotUnique),
    stable("SDT0011", &sdtm::InvalidIso8601),
    stable("SDT0012", &sdtm::StartAfterEnd),
    stable("SDT0013", &sdtm::DthflNotYOrNull),
    stable("SDT0014", &sdtm::DeathDateWithoutFlag),
    stable("SDT0015", &sdtm::ArmcdTooLong),
    stable("SDT0016", &sdtm::SeriousCriteriaWithoutAeser),
    stable("SDT0017", &sdtm::CompletedDstermDsdecod),
    stable("SDT0018", &sdtm::AeserNotYOrN),
    stable("SDT0019", &sdtm::ArmWithoutArmcd),
    stable("SDT0020", &sdtm::AgeuWithoutAge),
    stable("SDT0021", &sdtm::TsparmTooLong),
    stable("SDT0022", &sdtm::SubjidNotUnique),
    stable("SDT0023", &sdtm::AgeWithoutAgeu),
    stable("SDT0024", &sdtm::TestcdInvalid),
    stable("SDT0025", &sdtm::QnamInvalid),
    stable("SDT0026", &sdtm::QlabelTooLong),
    stable("SDT0027", &sdtm::FatalAeWithoutDeathFlag),
    stable("SDT0028", &sdtm::StudyDayIncorrect),
    stable("SDT0029", &sdtm::InformedConsentMissing),
    stable("SDT0030", &sdtm::RfDatesOutOfOrder),
    stable("SDT0031", &sdtm::DeathDispositionWithoutFlag),
    stable("SDT0032", &sdtm::DeathFlagWithoutDisposition),
    stable("SDT0033", &sdtm::DeathDateDisagreesWithDisposition),
    stable("SDT0034", &sdtm::DeathFlagWithoutDate),
    stable("SDT0035", &sdtm::AgeImplausible),
    stable("SDT0036", &sdtm::VisitVisitnumNotOneToOne),
    stable("SDT0037", &sdtm::VisitnumNotInTv),
    stable("SDT0038", &sdtm::VisitDiffersFromTv),
    stable("SDT0039", &sdtm::EpochNotInTa),
    stable("SDT0040", &sdtm::ArmcdNotInTa),
    stable("SDT0041", &sdtm::ArmArmcdNotOneToOne),
    stable("SDT0042", &sdtm::TestTestcdNotOneToOne),
    stable("SDT0043", &sdtm::StandardUnitInconsistent),
    stable("SDT0044", &sdtm::OrresWithoutStresc),
    stable("SDT0045", &sdtm::StresnStrescMismatch),
    stable("SDT0046", &sdtm::NotDoneWithResult),
    stable("SDT0047", &sdtm::ReasndWithoutNotDone),
    stable("SDT0048", &sdtm::BaselineFlagNotYOrNull),
    stable("SDT0049", &sdtm::BaselineFlagNotUnique),
    stable("SDT0050", &sdtm::SuppDuplicateQualifier),
    stable("SDT0051", &sdtm::SuppRdomainMismatch),
    stable("SDT0052", &sdtm::QvalNull),
    stable("SDT0053", &sdtm::SuppParentNotFound),
    stable("SDT0054", &sdtm::RelrecUnresolved),
    stable("SDT0055", &sdtm::TsRequiredParameterMissing),
    stable("SDT0056", &sdtm::TsvalNullWithoutTsvalnf),
    stable("SDT0057", &sdtm::DuplicateRecord),
    stable("SDT0058", &sdtm::EndTimepointIncomplete),
    stable("SDT0059", &sdtm::StartTimepointIncomplete),
    stable("SDT0060", &sdtm::UsubjidNull),
    stable("SDT0061", &sdtm::StudyidInconsistent),
    stable("SDT0062", &sdtm::SeriousAeWithoutCriterion),
    stable("SDT0063", &sdtm::DoseNegative),
    stable("SDT0064", &sdtm::SeqNotPositiveInteger),
    stable("SDT0065", &sdtm::LengthExceedsData),
    stable("SDT0066", &sdtm::DatasetEmpty),
    stable("SDT0067", &sdtm::VisitNotInSv),
    stable("SDT0068", &sdtm::AesdthWithoutDeathFlag),
];

/// The entry of a code, case-insensitively.
pub fn lookup(code: &str) -> Option<&'static Entry> {
    TABLE.iter().find(|e| e.code.eq_ignore_ascii_case(code))
}
