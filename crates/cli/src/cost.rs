//! `vpclab cost --aws PATH... --traffic FILE [--prices FILE] [--json]`: what a design costs each
//! month, line by line; `vpclab cost --compare A.json B.json --traffic FILE`: two designs side by
//! side. The pricing lives in `vpclab_core::cost`; this module reads files and prints.
//!
//! Exit codes: 0 an answer (unreachable flows are part of it, listed and not priced), 2 input that
//! cannot be read (estate, traffic file, price table, or a flow the engine cannot ask about).

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use vpclab_core::cost::{
    compare, estimate, money_text, CostComparison, CostReport, PriceBook, PriceTable, Traffic,
};
use vpclab_core::model::Estate;

use crate::load::load_estate;

/// Monthly cost of a design under a traffic file, each item with its arithmetic; or two designs
/// compared (`--compare A B`).
#[derive(clap::Args)]
#[command(
    override_usage = "vpclab cost --aws PATH... --traffic FILE [--prices FILE] [--json]\n       vpclab cost --compare A.json B.json --traffic FILE [--prices FILE] [--json]"
)]
pub struct Args {
    /// AWS CLI JSON: a file holding one document or an array of them, or a Batfish-style snapshot
    /// folder. Repeat for several.
    #[arg(
        long = "aws",
        value_name = "PATH",
        required_unless_present = "compare",
        conflicts_with = "compare"
    )]
    aws: Vec<PathBuf>,
    /// Two designs to compare, each a file or folder as for --aws.
    #[arg(long, value_names = ["A", "B"], num_args = 2)]
    compare: Vec<PathBuf>,
    /// The month's traffic: {"flows":[{"from": A, "to": B, "gb_per_month": N}]}, A and B as in
    /// `vpclab reach` (optional per flow: reply_gb_per_month, protocol, port, aws_service, name).
    #[arg(long, value_name = "FILE")]
    traffic: PathBuf,
    /// A price table to use instead of the shipped ones (same shape as
    /// crates/core/data/prices/us-east-1.json); it prices every region of the estate.
    #[arg(long, value_name = "FILE")]
    prices: Option<PathBuf>,
    /// Print JSON instead of a table.
    #[arg(long)]
    json: bool,
}

pub fn run(args: Args) -> ExitCode {
    match answer(&args) {
        Ok(text) => {
            print!("{text}");
            ExitCode::SUCCESS
        }
        Err(message) => {
            eprintln!("vpclab cost: {message}");
            ExitCode::from(2)
        }
    }
}

fn read(path: &Path, what: &str) -> Result<String, String> {
    std::fs::read_to_string(path).map_err(|e| format!("{}: cannot read the {what}: {e}", path.display()))
}

fn answer(args: &Args) -> Result<String, String> {
    let traffic = Traffic::from_json(&read(&args.traffic, "traffic file")?)
        .map_err(|e| format!("{}: {e}", args.traffic.display()))?;
    let prices = match &args.prices {
        Some(path) => Some(
            PriceTable::from_json(&read(path, "price table")?)
                .map_err(|e| format!("{}: {e}", path.display()))?,
        ),
        None => None,
    };
    let price = |estate: &Estate, name: &str| -> Result<CostReport, String> {
        let book = PriceBook::for_estate(estate, prices.clone()).map_err(|e| format!("{name}: {e}"))?;
        estimate(estate, &traffic, &book).map_err(|e| format!("{}: {e}", args.traffic.display()))
    };
    if let [a, b] = &args.compare[..] {
        let (name_a, name_b) = (a.display().to_string(), b.display().to_string());
        let ra = price(&load_estate(std::slice::from_ref(a))?, &name_a)?;
        let rb = price(&load_estate(std::slice::from_ref(b))?, &name_b)?;
        let c = compare(&ra, &rb);
        return if args.json {
            json(&c)
        } else {
            Ok(render_comparison(&c, &name_a, &name_b))
        };
    }
    let estate = load_estate(&args.aws)?;
    let report = price(&estate, "--aws")?;
    if args.json {
        json(&report)
    } else {
        Ok(render_report(&report))
    }
}

fn json<T: serde::Serialize>(value: &T) -> Result<String, String> {
    serde_json::to_string_pretty(value)
        .map(|t| t + "\n")
        .map_err(|e| e.to_string())
}

/// Left-aligned columns, the first one right-aligned (amounts).
fn table(rows: &[Vec<String>]) -> String {
    let cols = rows.iter().map(Vec::len).max().unwrap_or(0);
    let width: Vec<usize> = (0..cols)
        .map(|c| {
            rows.iter()
                .filter_map(|r| r.get(c))
                .map(|s| s.chars().count())
                .max()
                .unwrap_or(0)
        })
        .collect();
    let mut out = String::new();
    for row in rows {
        let mut line = String::new();
        for (c, cell) in row.iter().enumerate() {
            let pad = width[c].saturating_sub(cell.chars().count());
            if c == 0 {
                line.push_str(&" ".repeat(pad));
                line.push_str(cell);
            } else {
                line.push_str("  ");
                line.push_str(cell);
                if c + 1 < row.len() {
                    line.push_str(&" ".repeat(pad));
                }
            }
        }
        out.push_str("  ");
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

/// The report as a table of items, the total, then the unreachable flows.
fn render_report(r: &CostReport) -> String {
    let mut out = format!(
        "Monthly cost at {} prices ({}, as of {})\n\n",
        r.prices.region, r.prices.source.title, r.prices.as_of
    );
    let mut rows = vec![vec![
        "USD".to_string(),
        "kind".into(),
        "resource".into(),
        "flow".into(),
        "payer".into(),
        "arithmetic".into(),
    ]];
    for i in &r.items {
        rows.push(vec![
            money_text(i.usd),
            i.kind.as_str().into(),
            i.resource.clone(),
            i.flow.map_or("-".to_string(), |f| f.to_string()),
            i.payer.clone(),
            format!("{} — {}", i.arithmetic, i.note),
        ]);
    }
    rows.push(vec![money_text(r.monthly_usd), "total a month".into()]);
    out.push_str(&table(&rows));
    if !r.unreachable.is_empty() {
        out.push_str("\nUnreachable flows (not priced):\n");
        for u in &r.unreachable {
            out.push_str(&format!(
                "  flow {} {} → {}: {} at {}: {}\n",
                u.flow,
                u.from,
                u.to,
                u.code,
                u.at.as_deref().unwrap_or("-"),
                u.message
            ));
        }
    }
    for other in &r.other_prices {
        out.push_str(&format!(
            "\nAlso priced at {} prices ({}, as of {})\n",
            other.region, other.source.title, other.as_of
        ));
    }
    out
}

fn signed(usd: f64) -> String {
    if usd < 0.0 {
        format!("-{}", money_text(-usd))
    } else if usd > 0.0 {
        format!("+{}", money_text(usd))
    } else {
        money_text(0.0)
    }
}

/// Both totals, the difference, then the difference by kind and by resource.
fn render_comparison(c: &CostComparison, a: &str, b: &str) -> String {
    let mut out = table(&[
        vec![money_text(c.a_monthly_usd), format!("A  {a}")],
        vec![money_text(c.b_monthly_usd), format!("B  {b}")],
        vec![signed(c.difference_usd), "B − A a month".into()],
    ]);
    let mut rows = vec![vec!["B − A".to_string(), "A".into(), "B".into(), "kind".into()]];
    for k in &c.by_kind {
        rows.push(vec![
            signed(k.difference_usd),
            money_text(k.a_usd),
            money_text(k.b_usd),
            k.kind.as_str().into(),
        ]);
    }
    out.push_str("\nBy kind:\n");
    out.push_str(&table(&rows));
    let mut rows = vec![vec![
        "B − A".to_string(),
        "A".into(),
        "B".into(),
        "kind".into(),
        "resource".into(),
    ]];
    for r in &c.by_resource {
        rows.push(vec![
            signed(r.difference_usd),
            money_text(r.a_usd),
            money_text(r.b_usd),
            r.kind.as_str().into(),
            r.resource.clone(),
        ]);
    }
    out.push_str("\nBy resource:\n");
    out.push_str(&table(&rows));
    for (name, report) in [("A", &c.a), ("B", &c.b)] {
        for u in &report.unreachable {
            out.push_str(&format!(
                "\n{name}: flow {} {} → {} is unreachable ({}), not priced",
                u.flow, u.from, u.to, u.code
            ));
        }
    }
    if c.a.unreachable.len() + c.b.unreachable.len() > 0 {
        out.push('\n');
    }
    out
}
