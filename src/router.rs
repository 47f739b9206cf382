//! The routes of the core's table ([`crate::routes::ROUTES`]) as the router matches them:
//! each pattern made of leptos' own segments, so the router and everything else that needs
//! to know the routes (the code splitting, the publish step, the tests) read one table.

use crate::routes::{self, segments, PageKind};
use leptos_router::{ParamSegment, StaticSegment};
use leptos_router::{PartialPathMatch, PathSegment, PossibleRouteMatch};
use std::sync::Arc;

/// The route of the pages of `kind`, for `<Route path=…>`.
pub fn route(kind: PageKind) -> RoutePath {
    RoutePath(
        segments(kind)
            .map(|segment| match segment {
                routes::Segment::Static(text) => Segment::Static(StaticSegment(text)),
                routes::Segment::Param(name) => Segment::Param(ParamSegment(name)),
            })
            .collect(),
    )
}

/// A route of the table, as leptos' segments.
#[derive(Clone)]
pub struct RoutePath(Arc<[Segment]>);

#[derive(Clone)]
enum Segment {
    Static(StaticSegment<&'static str>),
    Param(ParamSegment),
}

impl PossibleRouteMatch for RoutePath {
    fn optional(&self) -> bool {
        false
    }

    /// Each segment in turn, as `path!` would chain them.
    fn test<'a>(&self, path: &'a str) -> Option<PartialPathMatch<'a>> {
        let (mut remaining, mut params, mut matched) = (path, Vec::new(), 0);
        for segment in self.0.iter() {
            let found = match segment {
                Segment::Static(s) => s.test(remaining),
                Segment::Param(p) => p.test(remaining),
            }?;
            matched += found.matched().len();
            remaining = found.remaining();
            params.extend(found.params());
        }
        Some(PartialPathMatch::new(remaining, params, &path[..matched]))
    }

    fn generate_path(&self, path: &mut Vec<PathSegment>) {
        for segment in self.0.iter() {
            match segment {
                Segment::Static(s) => s.generate_path(path),
                Segment::Param(p) => p.generate_path(path),
            }
        }
    }
}
