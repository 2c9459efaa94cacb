//! The exercise file format, version [`FORMAT_VERSION`]: what one `exercises/ID.json` holds, and
//! the index that orders them. Every type refuses unknown fields, so a typo in a file is an error
//! with its JSON path, not a goal silently ignored.

use ipnet::Ipv4Net;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::cost::Traffic;
use crate::edit::Action;
use crate::model::{PeeringStatus, RouteState};

/// The version of the exercise format this build reads. A file with another `format_version` is
/// refused with a message naming both.
pub const FORMAT_VERSION: u32 = 1;

/// One exercise: a start estate, what the learner may do, what must hold at the end, and the
/// material to help (hints, a reference solution, known mistakes with their feedback).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExerciseDef {
    /// The format this file is written in; must equal [`FORMAT_VERSION`].
    pub format_version: u32,
    /// Stable id: lowercase letters, digits and hyphens, equal to the file name without `.json`.
    /// Saved progress and share links refer to it, so it never changes once published.
    pub id: String,
    /// The title shown in the exercise list.
    pub title: String,
    /// What the exercise is about, one short lowercase phrase shared by related exercises
    /// (`peering`, `endpoints`, `cidr`, `transit gateway`), for filtering.
    pub topic: String,
    /// The situation and the task, in plain text: paragraphs separated by a blank line, no markup.
    pub story: String,
    /// The estate at the start: AWS CLI JSON documents (an array, one document per account and
    /// region), as [`crate::aws::import_documents`] reads them.
    pub start: Value,
    /// The actions the learner may take, by their JSON tag (`create_route`, `accept_peering` …,
    /// see [`Action::NAMES`]); any other action is refused with `UnauthorizedOperation`.
    pub allowed_actions: Vec<String>,
    /// What must hold for the exercise to pass, all of them. Goals test behaviour (what reaches
    /// what, what it costs, what AWS would accept), so every valid solution passes.
    pub goals: Vec<Goal>,
    /// Hints, from a gentle nudge to nearly the answer, shown one at a time in this order.
    pub hints: Vec<String>,
    /// A reference solution: actions that, applied to `start`, pass every goal. Ids of resources
    /// the solution creates are the deterministic ids [`crate::edit::apply`] gives them.
    pub solution: Vec<Action>,
    /// Mistakes learners are known to make, each recognised by a condition and answered with
    /// feedback that names it.
    #[serde(default)]
    pub mistakes: Vec<Mistake>,
}

/// One goal: an id, the sentence the learner reads, and the check that decides it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Goal {
    /// Unique within the exercise; mistakes refer to it.
    pub id: String,
    /// What must hold, in plain words ("The app server in VPC-1 reaches the database on TCP 5432").
    pub text: String,
    /// How it is decided.
    pub check: Check,
}

super::read::check_kinds! {
    /// A declarative check over the learner's estate. JSON: an object tagged by `"kind"`.
    ///
    /// Where a check names a VPC or subnet it accepts an id (`vpc-0a1b…`) or a `Name` tag (`VPC-1`);
    /// where it names an end of a connection it accepts what `vpclab reach` accepts (an instance or
    /// ENI id, an IPv4 address, a service name such as `s3`) or an instance's `Name` tag.
    ///
    /// Declared once, in this table: the enum, [`Check::kind`], the names of the kinds and the
    /// reader of each kind's fields (`read.rs`) all come from it. A field is `req` (must be there),
    /// `opt` (an `Option`: absent or `null` is `None`) or `def` (absent is its default, or the value
    /// given).
    pub enum Check {
        /// `from` can set up a connection to `to`: the request arrives and the reply comes back.
        Reachable = "reachable" {
            /// The source: an instance, ENI, or an IPv4 address (outside every VPC: the internet).
            from: String = req,
            /// The destination: an instance, ENI, IPv4 address, or service name (`s3`).
            to: String = req,
            /// `tcp` (the default), `udp`, `icmp` or `all`.
            protocol: String = def(String::from("tcp")),
            /// The destination port, required for TCP and UDP.
            #[serde(default, skip_serializing_if = "Option::is_none")]
            port: Option<u16> = opt,
            /// Ask over IPv6: instances and ENIs by their IPv6 addresses (implied when an end is
            /// an IPv6 address).
            #[serde(default, skip_serializing_if = "std::ops::Not::not")]
            ipv6: bool = def,
            /// Things the forward path must pass through, each a hop kind (`peering_connection`,
            /// `gateway_endpoint`, `nat_gateway`, `transit_gateway`, `interface_endpoint`,
            /// `internet_gateway`) or a resource id.
            #[serde(default, skip_serializing_if = "Vec::is_empty")]
            via: Vec<String> = def,
        },
        /// `from` cannot set up a connection to `to`.
        Unreachable = "unreachable" {
            /// The source, as for `reachable`.
            from: String = req,
            /// The destination, as for `reachable`.
            to: String = req,
            /// `tcp` (the default), `udp`, `icmp` or `all`.
            protocol: String = def(String::from("tcp")),
            /// The destination port, required for TCP and UDP.
            #[serde(default, skip_serializing_if = "Option::is_none")]
            port: Option<u16> = opt,
            /// Ask over IPv6, as for `reachable`.
            #[serde(default, skip_serializing_if = "std::ops::Not::not")]
            ipv6: bool = def,
            /// When set, the connection must be blocked for this reason (a reach code such as
            /// `NOT_TRANSITIVE`), not just any.
            #[serde(default, skip_serializing_if = "Option::is_none")]
            code: Option<String> = opt,
        },
        /// [`crate::validate::validate`] finds no error (and, with `include_warnings`, no warning).
        ValidateClean = "validate_clean" {
            /// Warnings fail the goal too.
            #[serde(default)]
            include_warnings: bool = def,
        },
        /// The monthly estimate under `traffic` is below `usd`, and every flow of `traffic` can be set
        /// up (a design that drops its traffic is not cheaper, it is broken).
        MonthlyCostBelow = "monthly_cost_below" {
            /// The budget, US dollars a month (strictly below).
            usd: f64 = req,
            /// The traffic the design carries, as `vpclab cost` reads it (ends may also be instance
            /// `Name` tags).
            traffic: Traffic = req,
        },
        /// No route table has more than `n` routes, the `local` routes not counted: the one named by
        /// `route_table`, or every table of `vpc`, or every table of the estate.
        MaxRoutes = "max_routes" {
            /// One route table (id or `Name` tag).
            #[serde(default, skip_serializing_if = "Option::is_none")]
            route_table: Option<String> = opt,
            /// Every route table of one VPC.
            #[serde(default, skip_serializing_if = "Option::is_none")]
            vpc: Option<String> = opt,
            /// The most routes a table may hold.
            n: usize = req,
        },
        /// A VPC (this one, else any non-default VPC) whose primary CIDR has a prefix length from
        /// `min_prefix` to `max_prefix`, lies inside one of `within` (when given), and none of whose
        /// CIDRs overlaps any block of `disjoint_from`.
        VpcCidr = "vpc_cidr" {
            /// The VPC; absent: any non-default VPC will do.
            #[serde(default, skip_serializing_if = "Option::is_none")]
            vpc: Option<String> = opt,
            /// The shortest prefix allowed (the largest block), e.g. 16.
            #[serde(default, skip_serializing_if = "Option::is_none")]
            min_prefix: Option<u8> = opt,
            /// The longest prefix allowed (the smallest block), e.g. 20.
            #[serde(default, skip_serializing_if = "Option::is_none")]
            max_prefix: Option<u8> = opt,
            /// Blocks the primary CIDR must lie in (one of them), e.g. the RFC 1918 ranges.
            #[serde(default, skip_serializing_if = "Vec::is_empty")]
            within: Vec<Ipv4Net> = def,
            /// Blocks no CIDR of the VPC may overlap (other networks, on-premises ranges).
            #[serde(default, skip_serializing_if = "Vec::is_empty")]
            disjoint_from: Vec<Ipv4Net> = def,
        },
        /// At least `count` subnets of one VPC (this one, else any single VPC) that match the filters,
        /// spread over at least `azs` Availability Zones, no two overlapping.
        Subnets = "subnets" {
            /// The VPC; absent: some VPC must hold them all.
            #[serde(default, skip_serializing_if = "Option::is_none")]
            vpc: Option<String> = opt,
            /// Only public subnets (their route table sends some route to an internet gateway), or
            /// only private ones.
            #[serde(default, skip_serializing_if = "Option::is_none")]
            public: Option<bool> = opt,
            /// Only subnets whose `Name` tag starts with this.
            #[serde(default, skip_serializing_if = "Option::is_none")]
            name_prefix: Option<String> = opt,
            /// Only subnets with a prefix length of at least this (no larger than this size).
            #[serde(default, skip_serializing_if = "Option::is_none")]
            min_prefix: Option<u8> = opt,
            /// Only subnets with a prefix length of at most this.
            #[serde(default, skip_serializing_if = "Option::is_none")]
            max_prefix: Option<u8> = opt,
            /// Only subnets with at least this many usable addresses (the size less the five AWS
            /// reserves).
            #[serde(default, skip_serializing_if = "Option::is_none")]
            min_hosts: Option<u64> = opt,
            /// How many such subnets, at least.
            count: usize = req,
            /// Over how many distinct Availability Zones, at least.
            #[serde(default)]
            azs: usize = def,
        },
        /// A subnet (of `vpc`, and named `name`, when given) that is the smallest block holding
        /// `hosts` instances besides the five addresses AWS reserves: it holds them, and a block one
        /// prefix longer would not (a /28, the smallest subnet, for up to 11).
        SmallestSubnet = "smallest_subnet" {
            /// The VPC to look in; absent: any.
            #[serde(default, skip_serializing_if = "Option::is_none")]
            vpc: Option<String> = opt,
            /// The subnet's `Name` tag; absent: any subnet will do.
            #[serde(default, skip_serializing_if = "Option::is_none")]
            name: Option<String> = opt,
            /// How many instances (addresses) it must hold.
            hosts: u64 = req,
        },
        /// How many resources of a kind exist (in `vpc`, when given): at least `min`, at most `max`.
        ResourceCount = "resource_count" {
            /// What to count.
            resource: Resource = req,
            /// Count only those of this VPC (for peerings: with this VPC at either end).
            #[serde(default, skip_serializing_if = "Option::is_none")]
            vpc: Option<String> = opt,
            /// Count only those this account owns (for peerings: with this account at either end;
            /// for a transit gateway attachment: the attached VPC's owner; for a transit gateway
            /// route table: its gateway's owner). Instances a participant launches into a shared
            /// subnet are the participant's (VPC sharing).
            #[serde(default, skip_serializing_if = "Option::is_none")]
            account: Option<String> = opt,
            /// The fewest allowed.
            #[serde(default, skip_serializing_if = "Option::is_none")]
            min: Option<usize> = opt,
            /// The most allowed.
            #[serde(default, skip_serializing_if = "Option::is_none")]
            max: Option<usize> = opt,
        },
        /// A peering connection between two VPCs (either one the requester) in a given state.
        Peering = "peering" {
            /// The two VPCs.
            between: [String; 2] = req,
            /// The state it must be in; `active` by default.
            status: PeeringStatus = def(PeeringStatus::Active),
        },
        /// Every listed VPC (every VPC of the estate when the list is empty) routes to every other,
        /// both ways: the reach engine's VPC matrix, by routes, peerings and transit gateways alone
        /// (security groups and network ACLs aside). For meshes and hubs of many VPCs, where one
        /// `reachable` goal per pair would be a long list.
        VpcMesh = "vpc_mesh" {
            /// The VPCs (ids or `Name` tags); empty: all of them.
            #[serde(default, skip_serializing_if = "Vec::is_empty")]
            vpcs: Vec<String> = def,
        },
        ;
        /// Some route matches (see [`RouteMatch`]).
        Route = "route" (RouteMatch) read by super::read::route_match,
        /// No route matches (see [`RouteMatch`]): no blackhole left, no route to a NAT gateway …
        NoRoute = "no_route" (RouteMatch) read by super::read::route_match,
    }

    /// The check's `kind`, as the exercise file spells it (`reachable`, `unreachable`,
    /// `validate_clean`, `vpc_mesh` …): what the goal asks for, so that a page can tell a
    /// connection that must work from one that must stay blocked without guessing from the result.
    ///
    /// # Examples
    /// ```
    /// use vpclab_core::exercise::Check;
    /// let c: Check = serde_json::from_str(r#"{"kind": "unreachable", "from": "a", "to": "b"}"#).unwrap();
    /// assert_eq!(c.kind(), "unreachable");
    /// ```
    pub fn kind;
}

/// Which routes a `route` / `no_route` check looks at and what they must be. Every field given
/// must hold; an absent field matches anything.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RouteMatch {
    /// Only this route table (id or `Name` tag).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub route_table: Option<String>,
    /// Only the route tables of this VPC (id or `Name` tag).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub vpc: Option<String>,
    /// Only main route tables.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub main_only: bool,
    /// The destination exactly as the table shows it (`10.2.0.0/16`, `pl-7ba54012`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub destination: Option<String>,
    /// The destination is a CIDR holding every address of this block.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub covers: Option<Ipv4Net>,
    /// The destination is a CIDR that does not hold every address of this block (a route that
    /// misses part of where it should lead).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub not_covering: Option<Ipv4Net>,
    /// The target: an exact id (`pcx-0a1b…`, `local`), or an id prefix ending in `-` for any
    /// target of that kind (`pcx-`, `nat-`, `vpce-`, `igw-`, `tgw-`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target: Option<String>,
    /// `active` or `blackhole`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub state: Option<RouteState>,
}

/// What a `resource_count` check counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Resource {
    Vpcs,
    Subnets,
    RouteTables,
    /// Peering connections in state `active`.
    ActivePeerings,
    /// Internet gateways attached to a VPC.
    InternetGateways,
    /// NAT gateways not deleted or failed.
    NatGateways,
    GatewayEndpoints,
    InterfaceEndpoints,
    TransitGateways,
    /// Transit gateway VPC attachments.
    TransitGatewayAttachments,
    TransitGatewayRouteTables,
    Instances,
    SecurityGroups,
}

/// A mistake learners make: the condition that recognises it, the feedback that names it, and
/// actions that make it (applied to the start by the authoring tests, which check that exactly
/// this feedback appears).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Mistake {
    /// Unique within the exercise.
    pub id: String,
    /// When the feedback applies.
    pub when: Condition,
    /// What went wrong, named plainly, and what to look at; one or two sentences.
    pub feedback: String,
    /// Actions that, applied to the start, make this mistake (and no other known one).
    pub example: Vec<Action>,
    /// The way out without Reset: actions that, applied after `example`, reach a state that
    /// passes every goal with no feedback. What a learner would do in the console (delete or
    /// modify the wrong thing, then do the right thing), using only `allowed_actions`. Required:
    /// an exercise whose mistake has no recovery is refused.
    #[serde(default)]
    pub recovery: Vec<Action>,
}

/// When a mistake's feedback applies. JSON: an object with one key naming the form.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum Condition {
    /// `{"goal_fails": {"goal": ID, "code": CODE}}`: the goal fails; with `code`, with that code
    /// (a reach code such as `NO_RETURN_ROUTE` for reach goals, see [`super::GoalResult::code`]);
    /// with `at`, at that resource.
    GoalFails {
        /// The goal's id.
        goal: String,
        /// The code the failure must carry.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        code: Option<String>,
        /// The resource the failure must be at (a route table, peering …).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        at: Option<String>,
    },
    /// `{"goal_passes": ID}`.
    GoalPasses(String),
    /// `{"holds": CHECK}`: a check (as goals use) passes on the estate.
    Holds(Check),
    /// `{"all": [...]}`: every condition holds.
    All(Vec<Condition>),
    /// `{"any": [...]}`: at least one holds.
    Any(Vec<Condition>),
    /// `{"not": CONDITION}`.
    Not(Box<Condition>),
}

/// `exercises/index.json`: the order of play, in sections.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Index {
    /// The format this file is written in; must equal [`FORMAT_VERSION`].
    pub format_version: u32,
    /// The sections, in order.
    pub sections: Vec<Section>,
}

/// A section of the exercise list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Section {
    /// Stable id (lowercase letters, digits, hyphens).
    pub id: String,
    /// The heading shown above its exercises.
    pub title: String,
    /// Exercise ids, in order of play.
    pub exercises: Vec<String>,
}
