//! [`Indexed`]: the workspace's current estate together with its reach [`Topology`], built on
//! the first question and kept until the estate changes, so a trace or a cost estimate on a large
//! estate costs the query, not a rebuild of the index (on the 100,000-route synthetic estate the
//! build is about 500 times the trace; BENCHMARKS.md "Engine scale").
//!
//! A [`Topology`] borrows the estate it indexes, and both live in the same struct here. The
//! estate is kept behind an [`Arc`] that is never shared (so its address stays put when the
//! workspace moves, and moving an `Arc` asserts nothing about the pointee, unlike a `Box`); the
//! topology is stored with its lifetime erased and is only ever handed out re-borrowed for the
//! lifetime of `&self`. Every `&mut` access to the estate ([`DerefMut`]) first drops the
//! topology, and the field order drops the topology before the estate.

use std::cell::OnceCell;
use std::fmt;
use std::ops::{Deref, DerefMut};
use std::sync::Arc;

use crate::model::Estate;
use crate::reach::Topology;

/// An estate and, once asked for, its topology. Reads go through [`Deref`]; a write through
/// [`DerefMut`] clears the topology, which the next [`Indexed::topology`] rebuilds.
pub(crate) struct Indexed {
    // Declared before `estate`, which it borrows: fields drop in declaration order.
    topology: OnceCell<Topology<'static>>,
    estate: Arc<Estate>,
    /// How many times the topology was built (tests check it is not rebuilt between queries).
    #[cfg(test)]
    builds: std::cell::Cell<usize>,
}

impl Indexed {
    pub(crate) fn new(estate: Estate) -> Indexed {
        Indexed {
            topology: OnceCell::new(),
            estate: Arc::new(estate),
            #[cfg(test)]
            builds: std::cell::Cell::new(0),
        }
    }

    /// The topology of the estate, built now if the estate changed since the last one.
    pub(crate) fn topology(&self) -> &Topology<'_> {
        self.topology.get_or_init(|| {
            #[cfg(test)]
            self.builds.set(self.builds.get() + 1);
            // SAFETY: the `Estate` lives in the `Arc`'s heap allocation, which no other `Arc`
            // shares (none is ever cloned out of this struct) and which is neither moved nor
            // mutated while the topology exists: the only `&mut` path (`deref_mut`, `replace`)
            // drops the topology first, and `Drop` drops it before the `Arc` (field order). The
            // `'static` never escapes: this method returns the topology re-borrowed for `&self`
            // (`Topology` is covariant in its lifetime) and no other code reads the field.
            let estate: &'static Estate = unsafe { &*Arc::as_ptr(&self.estate) };
            Topology::build(estate)
        })
    }

    /// Whether the topology is built (and current).
    #[cfg(test)]
    pub(crate) fn is_built(&self) -> bool {
        self.topology.get().is_some()
    }

    /// How many times the topology has been built.
    #[cfg(test)]
    pub(crate) fn builds(&self) -> usize {
        self.builds.get()
    }

    /// Replaces the estate (and drops the topology of the old one).
    pub(crate) fn replace(&mut self, estate: Estate) {
        self.topology = OnceCell::new();
        self.estate = Arc::new(estate);
    }
}

impl Deref for Indexed {
    type Target = Estate;

    fn deref(&self) -> &Estate {
        &self.estate
    }
}

impl DerefMut for Indexed {
    /// The estate for changing: the topology is dropped first (it borrows the estate and would
    /// be stale), and rebuilt on the next question.
    fn deref_mut(&mut self) -> &mut Estate {
        self.topology = OnceCell::new();
        // The `Arc` is never shared, so this never clones; if it were, the clone is still correct.
        Arc::make_mut(&mut self.estate)
    }
}

impl Clone for Indexed {
    /// The estate, without the topology (rebuilt on the clone's first question).
    fn clone(&self) -> Indexed {
        Indexed::new(Estate::clone(&self.estate))
    }
}

impl PartialEq for Indexed {
    /// Equal estates (the topology is derived from the estate).
    fn eq(&self, other: &Indexed) -> bool {
        *self.estate == *other.estate
    }
}

impl fmt::Debug for Indexed {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&*self.estate, f)
    }
}
