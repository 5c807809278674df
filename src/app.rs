//! The router: one route per page, all inside the shell. The first screen's pages (the home
//! feed, signing in, registering) are in the first load; every other page is a route loaded on
//! demand (see [`crate::lazy`]) from its feature's pack: `groups` (groups, posts, her profile),
//! `quiz`, `photo`, `survey`, `hoi`, and `admin` for every page of the board, the builders and
//! the cadres, which members never download. Few names on purpose: each set of names that shares
//! code becomes a chunk file, and a page instantiates every chunk file of its pack. Each chunk
//! has one loader (`lazy_pages!` below) that builds any of its pages by name, and the lazy pages
//! are rows of one table (`LAZY_ROUTES`) matched at run time, so a new page costs the first load
//! a row (~20 bytes) instead of a route's code (~200 bytes before).

use leptos::prelude::*;
use leptos_router::{
    any_nested_route::IntoAnyNestedRoute,
    components::{FlatRoutes, FlatRoutesProps, RouteChildren, Router},
    path, NestedRoute,
};

use crate::{
    components::shell::Shell,
    connection,
    i18n::{use_texts, I18n},
    lazy::{self, lazy_page, lazy_pages, LazyPage},
    outbox,
    pages::{
        account::{ForgotPage, LoginPage, RegisterPage},
        feed::{ComposePage, LeavePage, PostPage, QueuePage},
        groups::{CreateGroupPage, DirectoryPage, GroupPage, GroupSettingsPage, MembersPage, RequestsPage},
        hoi::{JoinHoiPage, PipelinePage, ReviewPage},
        home::HomePage,
        my_data::MyDataPage,
        photo_contest::{EntryPage, JudgePage, PhotoContestBuilderPage, PhotoContestPage},
        poll::PollCard,
        profile::ProfilePage,
        quiz::{BuilderPage, QuizListPage, QuizPage, TakePage},
        report::ReportsPage,
        survey::{SurveyBuilderPage, SurveyPage, SurveyResultsPage, SurveysPage},
        todo::TodoCard,
        units::{UnitPage, UnitsPage},
    },
    prefs,
    session::Session,
};

// The pages of each chunk, behind its one loader (see `crate::lazy`).
lazy_pages!(
    groups_pages,
    groups,
    [
        ForgotPage,
        ProfilePage,
        DirectoryPage,
        CreateGroupPage,
        GroupPage,
        ComposePage,
        PostPage,
        LeavePage,
        PollCard
    ]
);
lazy_pages!(
    admin_pages,
    admin,
    [
        RequestsPage,
        MembersPage,
        GroupSettingsPage,
        QueuePage,
        BuilderPage,
        PhotoContestBuilderPage,
        JudgePage,
        SurveyBuilderPage,
        SurveyResultsPage,
        PipelinePage,
        ReviewPage,
        ReportsPage,
        UnitsPage,
        UnitPage,
        TodoCard
    ]
);
lazy_pages!(quiz_pages, quiz, [QuizListPage, QuizPage, TakePage]);
lazy_pages!(photo_pages, photo, [PhotoContestPage, EntryPage]);
lazy_pages!(survey_pages, survey, [SurveysPage, SurveyPage]);
lazy_pages!(hoi_pages, hoi, [JoinHoiPage, MyDataPage]);

/// Every page outside the first screen, by path, tried in order.
const LAZY_ROUTES: &[(&str, LazyPage)] = &[
    ("/forgot", lazy_page!(groups_pages, ForgotPage)),
    ("/me", lazy_page!(groups_pages, ProfilePage)),
    ("/groups", lazy_page!(groups_pages, DirectoryPage)),
    ("/groups/new", lazy_page!(groups_pages, CreateGroupPage)),
    ("/groups/:id", lazy_page!(groups_pages, GroupPage)),
    ("/groups/:id/requests", lazy_page!(admin_pages, RequestsPage)),
    ("/groups/:id/members", lazy_page!(admin_pages, MembersPage)),
    ("/groups/:id/settings", lazy_page!(admin_pages, GroupSettingsPage)),
    ("/groups/:id/write", lazy_page!(groups_pages, ComposePage)),
    ("/groups/:id/queue", lazy_page!(admin_pages, QueuePage)),
    ("/posts/:id", lazy_page!(groups_pages, PostPage)),
    ("/leave", lazy_page!(groups_pages, LeavePage)),
    ("/contests", lazy_page!(quiz_pages, QuizListPage)),
    ("/quizzes/new", lazy_page!(admin_pages, BuilderPage)),
    ("/quizzes/:id", lazy_page!(quiz_pages, QuizPage)),
    ("/quizzes/:id/take", lazy_page!(quiz_pages, TakePage)),
    (
        "/photo-contests/new",
        lazy_page!(admin_pages, PhotoContestBuilderPage),
    ),
    ("/photo-contests/:id", lazy_page!(photo_pages, PhotoContestPage)),
    ("/photo-contests/:id/judge", lazy_page!(admin_pages, JudgePage)),
    (
        "/photo-contests/:id/edit",
        lazy_page!(admin_pages, PhotoContestBuilderPage),
    ),
    ("/entries/:id", lazy_page!(photo_pages, EntryPage)),
    ("/surveys", lazy_page!(survey_pages, SurveysPage)),
    ("/surveys/new", lazy_page!(admin_pages, SurveyBuilderPage)),
    ("/surveys/:id", lazy_page!(survey_pages, SurveyPage)),
    ("/surveys/:id/edit", lazy_page!(admin_pages, SurveyBuilderPage)),
    ("/surveys/:id/results", lazy_page!(admin_pages, SurveyResultsPage)),
    ("/join-hoi", lazy_page!(hoi_pages, JoinHoiPage)),
    ("/hoi/applications", lazy_page!(admin_pages, PipelinePage)),
    ("/hoi/applications/:id", lazy_page!(admin_pages, ReviewPage)),
    ("/me/data", lazy_page!(hoi_pages, MyDataPage)),
    ("/reports", lazy_page!(admin_pages, ReportsPage)),
    ("/units", lazy_page!(admin_pages, UnitsPage)),
    ("/units/:id", lazy_page!(admin_pages, UnitPage)),
];

#[component]
pub fn App() -> impl IntoView {
    let i18n = I18n::provide();
    Session::provide();
    outbox::provide();
    connection::watch();
    prefs::set_large_text(prefs::large_text());
    // True while a route's chunk (and the page) loads: the shell shows a bar, so a tap on a slow
    // network is seen to do something.
    let (routing, set_routing) = signal(false);
    // The whole tree is rebuilt when the language changes, so pages read their texts once.
    move || {
        i18n.0.track();
        let t = use_texts();
        view! {
        <Router set_is_routing=set_routing>
            <Shell routing>
                // Built by hand: the view macro takes a block child for a view, not routes.
                {FlatRoutes(
                    FlatRoutesProps::builder()
                        .fallback(move || view! { <p class="empty">{t.no_results}</p> })
                        .children(RouteChildren::to_children(move || {
                            lazy::routes(
                                [
                                    NestedRoute::new(path!("/"), HomePage).into_any_nested_route(),
                                    NestedRoute::new(path!("/register"), RegisterPage).into_any_nested_route(),
                                    NestedRoute::new(path!("/login"), LoginPage).into_any_nested_route(),
                                ],
                                LAZY_ROUTES,
                            )
                        }))
                        .build(),
                )}
            </Shell>
        </Router>
        }
    }
}
