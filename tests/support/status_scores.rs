//! Precision and recall of the three verification statuses, and the floors
//! a regression must not cross: one scorer for the verification tests.

use factline::analysis::verify::Status;

/// A claim's expected status, the status found, and whether the evidence
/// found is the right one (always true where the test does not check it).
pub type Row = (Status, Option<Status>, bool);

/// Prints precision and recall of each status and asserts each reaches its
/// floor `(precision, recall)`.
pub fn assert_floors(rows: &[Row], floor: impl Fn(Status) -> (f64, f64)) {
    for status in [
        Status::Corroborated,
        Status::Contradicted,
        Status::Unsourced,
    ] {
        let tp = rows
            .iter()
            .filter(|(e, f, right)| *e == status && *f == Some(status) && *right)
            .count() as f64;
        let predicted = rows.iter().filter(|(_, f, _)| *f == Some(status)).count() as f64;
        let gold = rows.iter().filter(|(e, _, _)| *e == status).count() as f64;
        let (p, r) = (tp / predicted.max(1.0), tp / gold.max(1.0));
        println!("{:<12} P {p:.3} R {r:.3}", status.as_str());
        let (fp, fr) = floor(status);
        assert!(
            p >= fp && r >= fr,
            "{}: P {p:.3} R {r:.3}, floors P {fp} R {fr}",
            status.as_str()
        );
    }
}
