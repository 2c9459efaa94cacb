//! What a design costs each month, line by line: a [`PriceTable`] per region (embedded data files
//! with their sources and dates) and, later in this module, the estimator that prices a traffic
//! file along the paths the reach engine traces.

mod prices;

pub use prices::*;
