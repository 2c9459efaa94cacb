//! Transit gateways: an attachment is associated with, propagates into and is routed to by
//! route tables of its own transit gateway only.

use super::Diagnostics;
use crate::model::*;

/// `TGW_ATTACHMENT_OTHER_TGW`: a transit gateway route table can only associate, propagate or
/// route to attachments of its own transit gateway (a TGW peering attachment has one end on
/// each). See "Transit gateway route tables" and "Transit gateway peering attachments", Amazon
/// VPC Transit Gateways (tgw-route-tables.html, tgw-peering.html).
pub(super) fn check(e: &Estate, d: &mut Diagnostics) {
    let known = |id: &TgwAttachmentId| e.tgw_attachments.contains_key(id);
    let foreign = |id: &TgwAttachmentId, tgw: &TgwId| known(id) && e.tgw_attachment_at(id, tgw).is_none();
    let owner_of = |id: &TgwAttachmentId| {
        e.tgw_attachments
            .get(id)
            .map_or(String::new(), |a| a.tgw.to_string())
    };
    for a in e.tgw_attachments.values().chain(e.tgw_peering_ends.values()) {
        let Some(table) = a.association.as_ref().and_then(|t| e.tgw_route_tables.get(t)) else {
            continue;
        };
        if table.tgw != a.tgw {
            d.error(
                "TGW_ATTACHMENT_OTHER_TGW",
                &a.id,
                format!(
                    "Attachment {} of transit gateway {} is associated with route table {}, which belongs to \
                     transit gateway {}. Associate it with a route table of {}.",
                    a.id, a.tgw, table.id, table.tgw, a.tgw
                ),
            );
        }
    }
    for t in e.tgw_route_tables.values() {
        for p in t.propagations.iter().filter(|p| foreign(p, &t.tgw)) {
            d.error(
                "TGW_ATTACHMENT_OTHER_TGW",
                &t.id,
                format!(
                    "Route table {} of transit gateway {} takes propagated routes from attachment {p}, which is \
                     an attachment of transit gateway {}. Only its own attachments can propagate into it.",
                    t.id,
                    t.tgw,
                    owner_of(p)
                ),
            );
        }
        for r in &t.routes {
            let Some(p) = r.attachment.as_ref().filter(|p| foreign(p, &t.tgw)) else {
                continue;
            };
            d.error(
                "TGW_ATTACHMENT_OTHER_TGW",
                &t.id,
                format!(
                    "Route table {} of transit gateway {} sends {} to attachment {p}, which is an attachment of \
                     transit gateway {}. A route can only use the transit gateway's own attachments.",
                    t.id,
                    t.tgw,
                    r.destination,
                    owner_of(p)
                ),
            );
        }
    }
}
