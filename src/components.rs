//! Leaf and composite components: data in, view out. None of them fetches.

pub mod ad_slot;
pub mod article_body;
pub mod article_card;
pub mod breaking;
pub mod error_view;
pub mod footer;
pub mod html_nodes;
pub mod live_coverage;
pub mod masthead;
pub mod page_meta;
pub mod pagination;
pub mod route_announcer;
pub mod share;
pub mod sidebar;
pub mod theme_toggle;
pub mod weather;
