//! Words of the calendar: days, months and holidays, which are capitalized like names but
//! name no character.

/// Capitalized words of the calendar, which are not characters.
#[rustfmt::skip]
pub(super) const CALENDAR: &[&str] = &[
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december", "monday", "tuesday", "wednesday", "thursday", "friday",
    "saturday", "sunday", "christmas", "easter",
];

/// Whether `w` is a day of the week, a holiday or a month that is no given name (`April`,
/// `May`, `June` and `August` are names too): never a character.
pub(crate) fn is_calendar_day(w: &str) -> bool {
    CALENDAR.contains(&w) && !matches!(w, "april" | "may" | "june" | "july" | "august")
}
