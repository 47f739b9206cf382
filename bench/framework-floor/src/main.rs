//! The framework floor: what a Leptos 0.8 hydrating app with a router, head tags, a
//! resource read under Transition and one event handler weighs, with nothing else.
use leptos::prelude::*;
use leptos_meta::{provide_meta_context, Title};
use leptos_router::components::{Route, Router, Routes, A};
use leptos_router::hooks::use_params_map;
use leptos_router::path;

#[derive(Clone, serde::Serialize, serde::Deserialize)]
struct Story {
    slug: String,
    title: String,
    body: Vec<String>,
}

#[component]
fn StoryPage() -> impl IntoView {
    let params = use_params_map();
    let story = Resource::new(
        move || params.read().get("slug").unwrap_or_default(),
        |slug| {
            send_wrapper::SendWrapper::new(async move {
                Story {
                    title: format!("Story {slug}"),
                    body: vec!["One.".into(), "Two.".into()],
                    slug,
                }
            })
        },
    );
    let (count, set_count) = signal(0);
    view! {
        <Transition fallback=|| "Loading">
            {move || story.get().map(|s| view! {
                <Title text=s.title.clone() />
                <h1>{s.title}</h1>
                {s.body.into_iter().map(|p| view! { <p>{p}</p> }).collect_view()}
                <button on:click=move |_| set_count.update(|n| *n += 1)>{count}</button>
            })}
        </Transition>
    }
}

#[component]
fn App() -> impl IntoView {
    provide_meta_context();
    view! {
        <Router>
            <nav><A href="/">"Home"</A><A href="/s/a">"A"</A></nav>
            <main>
                <Routes fallback=|| "Not found">
                    <Route path=path!("/") view=|| view! { <h1>"Home"</h1> } />
                    <Route path=path!("/s/:slug") view=StoryPage />
                </Routes>
            </main>
        </Router>
    }
}

fn main() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_body(App);
}
