//! One estate being checked: what every check shares (the estate, the topology built once) and
//! how a goal's names become the ids the engines take.

use std::cell::OnceCell;

use crate::model::Estate;
use crate::reach::Topology;

/// One estate being checked; the topology is built on first use and shared by every trace.
pub(super) struct CheckCtx<'e> {
    pub(super) estate: &'e Estate,
    topology: OnceCell<Topology<'e>>,
}

impl<'e> CheckCtx<'e> {
    pub(super) fn new(estate: &'e Estate) -> CheckCtx<'e> {
        CheckCtx {
            estate,
            topology: OnceCell::new(),
        }
    }

    pub(super) fn topology(&self) -> &Topology<'e> {
        self.topology.get_or_init(|| Topology::build(self.estate))
    }

    /// A connection end as the reach engine takes it: an instance's `Name` tag becomes its id.
    pub(super) fn end(&self, name: &str) -> String {
        let mut named = self
            .estate
            .instances
            .values()
            .filter(|i| i.name.as_deref() == Some(name));
        match (
            self.estate.instances.contains_key(&name.into()),
            named.next(),
            named.next(),
        ) {
            (false, Some(one), None) => one.id.to_string(),
            _ => name.to_string(),
        }
    }

    /// Why a connection end that could not be resolved names no instance, when it looks like a
    /// `Name` tag (not an id, an address or a dotted service name) and no single instance carries
    /// it: an exercise whose learner launches the instance asks about it before it exists.
    pub(super) fn unnamed(&self, name: &str) -> Option<String> {
        let looks_like_id = ["i-", "eni-"].iter().any(|p| name.starts_with(p));
        if looks_like_id || name.parse::<std::net::Ipv4Addr>().is_ok() || name.contains('.') {
            return None;
        }
        let named: Vec<&str> = self
            .estate
            .instances
            .values()
            .filter(|i| i.name.as_deref() == Some(name))
            .map(|i| i.id.as_str())
            .collect();
        match named.len() {
            0 => Some(format!("there is no instance named {name} yet")),
            1 => None,
            _ => Some(format!(
                "several instances are named {name} ({}): the goal cannot tell which one is meant",
                named.join(", ")
            )),
        }
    }

    /// `app (i-0a1b…)` for a named instance or interface; anything else as it is.
    pub(super) fn label(&self, id: &str) -> String {
        crate::reach::label(self.estate, id)
    }
}
