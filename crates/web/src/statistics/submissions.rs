//! What the workspace and the API share: checking a file or a form against a submission (every problem, each
//! at its place), and saving it into the right part of the draft.

use super::Access;
use crate::http::error::Problem as HttpProblem;
use crate::http::AppError;
use crate::state::AppState;
use rapporteur_stats::parse::{read_count, ReadOptions};
use rapporteur_stats::problem::{self, Place};
use rapporteur_stats::validate::{check_additivity, check_year_on_year, describe_place};
use rapporteur_stats::{read_csv, validate_parsed, Cell, Dataflow, Dimension, Observation, Problem, Table, TableId};
use rapporteur_store::{Actor, PublishedQuery, Saved};

/// Figures that passed every check, with the warnings to show.
pub(super) struct Checked {
    pub table: Table,
    pub warnings: Vec<Problem>,
}

/// The problems as the API and the pages report them.
pub(super) fn invalid(problems: Vec<Problem>) -> AppError {
    AppError::Invalid(problems.into_iter().map(HttpProblem::from).collect())
}

/// A source contributes its registering organisation's slice: victims by `reg_org`, never the totals over
/// every organisation (which only the rapporteur states).
fn check_source_slice(table: &Table, place: &dyn Fn(Cell) -> Place) -> Vec<Problem> {
    let dataflow = table.dataflow();
    let Some(position) = dataflow.dimensions().iter().position(|d| *d == Dimension::RegOrg) else {
        return vec![Problem::error(
            Place::default(),
            "sources contribute registered victims (THB_VICT) by registering organisation; THB_PERS comes from the rapporteur",
        )];
    };
    let total = Dimension::RegOrg.total();
    let mut cells: Vec<Cell> = table.iter().map(|(c, _)| c).collect();
    cells.sort_unstable_by_key(|c| place(*c));
    let mut problems: Vec<Problem> = cells
        .iter()
        .filter(|c| Some(c.code(dataflow, position)) == total)
        .map(|cell| {
            Problem::error(
                place(*cell),
                "a source gives the figures of its own organisation: set reg_org to your organisation's code (POL, NGO, LAB_INSP …), not TOTAL",
            )
        })
        .collect();
    // One organisation registers under one code: a slice naming two would let a source write another's figures.
    let first_code = cells.iter().map(|c| c.code(dataflow, position)).find(|c| Some(*c) != total);
    if let Some(first_code) = first_code {
        problems.extend(
            cells
                .iter()
                .filter(|c| {
                    let code = c.code(dataflow, position);
                    Some(code) != total && code != first_code
                })
                .map(|cell| {
                    Problem::error(
                        place(*cell),
                        format!(
                            "a source's figures are those of one registering organisation: this line is reg_org={}, \
                             earlier lines are reg_org={}",
                            Dimension::RegOrg.code(cell.code(dataflow, position)).id,
                            Dimension::RegOrg.code(first_code).id
                        ),
                    )
                }),
        );
    }
    problems
}

/// The previous year's table as published, for the year-on-year comparison.
async fn previous_year(state: &AppState, id: TableId) -> Result<Option<Table>, AppError> {
    let previous_id = TableId { year: id.year - 1, ..id };
    let published =
        state.repo.published(&PublishedQuery { dataflow: Some(id.dataflow), geo: Some(id.geo), as_of: None }).await?;
    Ok(published.dataset.table(previous_id).cloned())
}

/// Reads an uploaded file for one submission: every problem of the file, or the figures with their warnings.
pub(super) async fn check_file(
    state: &AppState,
    key: TableId,
    access: &Access,
    bytes: &[u8],
) -> Result<Result<Checked, Vec<Problem>>, AppError> {
    let parsed = read_csv(bytes, &ReadOptions { dataflow: Some(key.dataflow), allow_aggregate: false });
    let policy = &state.statistics;
    let mut problems = validate_parsed(&parsed, &policy.validation);
    for table in parsed.dataset.tables().filter(|t| t.id != key) {
        let first = table.iter().map(|(c, _)| parsed.place_of(table.id, c)).min().unwrap_or_default();
        problems.push(Problem::error(
            Place { column: None, field: None, ..first },
            format!("this line is for {}, but the file is uploaded to the submission {key}: upload it there", table.id),
        ));
    }
    let table = parsed.dataset.table(key).cloned().unwrap_or_else(|| Table::new(key));
    if table.is_empty() && problems.is_empty() {
        problems.push(Problem::error(Place::line(1), "the file holds no figures"));
    }
    if let Access::Source(_) = access {
        problems.extend(check_source_slice(&table, &|cell| parsed.place_of(key, cell)));
    }
    if let Some(previous) = previous_year(state, key).await? {
        let locate = |id: TableId, cell: Cell| parsed.place_of(id, cell);
        problems.extend(check_year_on_year(&table, &previous, &policy.validation, &locate));
    }
    problem::sort(&mut problems);
    Ok(finish(table, problems))
}

fn finish(table: Table, problems: Vec<Problem>) -> Result<Checked, Vec<Problem>> {
    if problems.iter().any(Problem::is_error) {
        Err(problems)
    } else {
        Ok(Checked { table, warnings: problems })
    }
}

/// The form field that holds a cell's figure.
pub(super) fn field_name(dataflow: Dataflow, cell: Cell) -> String {
    let codes = cell.codes(dataflow);
    let key: Vec<&str> = dataflow.dimensions().iter().zip(codes).map(|(d, c)| d.code(c).id).collect();
    format!("v.{}", key.join("."))
}

/// The cells the web form offers: the totals and the one-way breakdowns (per legal status for persons).
pub(super) fn form_cells(dataflow: Dataflow, access: &Access) -> Vec<Cell> {
    let dims = dataflow.dimensions();
    let bases: Vec<Cell> = match dataflow {
        Dataflow::Victims => vec![Cell::all_totals(dataflow)],
        Dataflow::Persons => {
            (0..Dimension::LegStat.len()).map(|c| Cell::all_totals(dataflow).with(dataflow, 0, c)).collect()
        }
    };
    let mut cells = Vec::new();
    for base in bases {
        if !matches!(access, Access::Source(_)) {
            cells.push(base);
        }
        for (position, dimension) in dims.iter().enumerate() {
            let Some(total) = dimension.total() else { continue };
            for code in (0..dimension.len()).filter(|c| *c != total) {
                cells.push(base.with(dataflow, position, code));
            }
        }
    }
    if let Access::Source(_) = access {
        // A source's form is its slice: the breakdowns of the figures it registered, by registering organisation.
        let position = dims.iter().position(|d| *d == Dimension::RegOrg);
        cells.retain(|c| position.is_some_and(|p| Some(c.code(dataflow, p)) != Dimension::RegOrg.total()));
    }
    cells
}

/// Reads the web form: each filled field a figure, each bad one a problem naming its field.
pub(super) async fn check_form(
    state: &AppState,
    key: TableId,
    access: &Access,
    form: &crate::http::Params,
) -> Result<Result<Checked, Vec<Problem>>, AppError> {
    // The form shows the totals and one-way breakdowns; the draft may hold more (cross-classifications
    // uploaded before). Those are kept: the form changes the cells it shows, and an emptied field removes its
    // figure.
    let part = access.part().ok_or(AppError::Forbidden)?;
    let mut table = state.repo.draft(key, &part).await?;
    let mut problems = Vec::new();
    for cell in form_cells(key.dataflow, access) {
        let name = field_name(key.dataflow, cell);
        let Some(text) = form.get(&name).map(str::trim).filter(|t| !t.is_empty()) else {
            table.remove(cell);
            continue;
        };
        match read_count(text.as_bytes()) {
            Ok(value) => {
                // A figure typed again keeps its flags and status; a new one has none.
                let kept = table.get(cell).copied().unwrap_or_else(Observation::not_available);
                table.insert(cell, Observation { value, ..kept });
            }
            Err(message) => problems.push(Problem::error(Place::field(name), message)),
        }
    }
    if table.is_empty() && problems.is_empty() {
        problems.push(Problem::error(Place::default(), "no figure was entered"));
    }
    if let Access::Source(_) = access {
        problems.extend(check_source_slice(&table, &|cell| Place::field(field_name(key.dataflow, cell))));
    }
    let previous = previous_year(state, key).await?;
    let locate = |id: TableId, cell: Cell| {
        Place::field(format!("{} ({})", field_name(id.dataflow, cell), cell.describe(id.dataflow)))
    };
    problems.extend(check_additivity(&table, &locate));
    if let Some(previous) = previous {
        problems.extend(check_year_on_year(&table, &previous, &state.statistics.validation, &locate));
    }
    problem::sort(&mut problems);
    Ok(finish(table, problems))
}

/// Saves checked figures into the caller's part of the draft.
pub(super) async fn save(
    state: &AppState,
    actor: &Actor,
    access: &Access,
    checked: &Checked,
) -> Result<Saved, AppError> {
    let part = access.part().ok_or(AppError::Forbidden)?;
    let mut saved = state.repo.save_drafts(actor, &part, std::slice::from_ref(&checked.table), None).await?;
    saved.pop().ok_or_else(|| AppError::internal("statistics", std::io::Error::other("the store saved no submission")))
}

/// The problems of the draft as it stands (what submitting would refuse).
pub(super) fn draft_problems(draft: &Table) -> Vec<Problem> {
    check_additivity(draft, &describe_place)
}
