//! The router: one route per page, all inside the shell. The first screen's pages (the home
//! feed, signing in, registering) are in the first load; every other page is a route loaded on
//! demand (see [`crate::lazy`]) from its feature's pack: `groups` (groups, posts, her profile),
//! `quiz`, `photo`, `survey`, `hoi`, and `admin` for every page of the board, the builders and
//! the cadres, which members never download. Few names on purpose: each set of names that shares
//! code becomes a chunk file, and a page instantiates every chunk file of its pack. Each chunk
//! has one loader (`lazy_pages!` below) that builds any of its pages by name.

use leptos::prelude::*;
use leptos_router::{
    components::{FlatRoutes, Route, Router},
    path,
};

use crate::{
    components::shell::Shell,
    connection,
    i18n::{use_texts, I18n},
    lazy::{lazy_page, lazy_pages},
    outbox,
    pages::{
        account::{ForgotPage, LoginPage, RegisterPage},
        feed::{ComposePage, LeavePage, PostPage, QueuePage},
        groups::{CreateGroupPage, DirectoryPage, GroupPage, MembersPage, RequestsPage},
        hoi::{JoinHoiPage, PipelinePage, ReviewPage},
        home::HomePage,
        my_data::MyDataPage,
        photo_contest::{EntryPage, JudgePage, PhotoContestBuilderPage, PhotoContestPage},
        profile::ProfilePage,
        quiz::{BuilderPage, QuizListPage, QuizPage, TakePage},
        report::ReportsPage,
        survey::{SurveyBuilderPage, SurveyPage, SurveyResultsPage, SurveysPage},
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
        LeavePage
    ]
);
lazy_pages!(
    admin_pages,
    admin,
    [
        RequestsPage,
        MembersPage,
        QueuePage,
        BuilderPage,
        PhotoContestBuilderPage,
        JudgePage,
        SurveyBuilderPage,
        SurveyResultsPage,
        PipelinePage,
        ReviewPage,
        ReportsPage
    ]
);
lazy_pages!(quiz_pages, quiz, [QuizListPage, QuizPage, TakePage]);
lazy_pages!(photo_pages, photo, [PhotoContestPage, EntryPage]);
lazy_pages!(survey_pages, survey, [SurveysPage, SurveyPage]);
lazy_pages!(hoi_pages, hoi, [JoinHoiPage, MyDataPage]);

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
                <FlatRoutes fallback=move || view! { <p class="empty">{t.no_results}</p> }>
                    <Route path=path!("/") view=HomePage />
                    <Route path=path!("/register") view=RegisterPage />
                    <Route path=path!("/login") view=LoginPage />
                    <Route path=path!("/forgot") view=lazy_page!(groups_pages, ForgotPage) />
                    <Route path=path!("/me") view=lazy_page!(groups_pages, ProfilePage) />
                    <Route path=path!("/groups") view=lazy_page!(groups_pages, DirectoryPage) />
                    <Route path=path!("/groups/new") view=lazy_page!(groups_pages, CreateGroupPage) />
                    <Route path=path!("/groups/:id") view=lazy_page!(groups_pages, GroupPage) />
                    <Route path=path!("/groups/:id/requests") view=lazy_page!(admin_pages, RequestsPage) />
                    <Route path=path!("/groups/:id/members") view=lazy_page!(admin_pages, MembersPage) />
                    <Route path=path!("/groups/:id/write") view=lazy_page!(groups_pages, ComposePage) />
                    <Route path=path!("/groups/:id/queue") view=lazy_page!(admin_pages, QueuePage) />
                    <Route path=path!("/posts/:id") view=lazy_page!(groups_pages, PostPage) />
                    <Route path=path!("/leave") view=lazy_page!(groups_pages, LeavePage) />
                    <Route path=path!("/contests") view=lazy_page!(quiz_pages, QuizListPage) />
                    <Route path=path!("/quizzes/new") view=lazy_page!(admin_pages, BuilderPage) />
                    <Route path=path!("/quizzes/:id") view=lazy_page!(quiz_pages, QuizPage) />
                    <Route path=path!("/quizzes/:id/take") view=lazy_page!(quiz_pages, TakePage) />
                    <Route path=path!("/photo-contests/new") view=lazy_page!(admin_pages, PhotoContestBuilderPage) />
                    <Route path=path!("/photo-contests/:id") view=lazy_page!(photo_pages, PhotoContestPage) />
                    <Route path=path!("/photo-contests/:id/judge") view=lazy_page!(admin_pages, JudgePage) />
                    <Route path=path!("/entries/:id") view=lazy_page!(photo_pages, EntryPage) />
                    <Route path=path!("/surveys") view=lazy_page!(survey_pages, SurveysPage) />
                    <Route path=path!("/surveys/new") view=lazy_page!(admin_pages, SurveyBuilderPage) />
                    <Route path=path!("/surveys/:id") view=lazy_page!(survey_pages, SurveyPage) />
                    <Route path=path!("/surveys/:id/edit") view=lazy_page!(admin_pages, SurveyBuilderPage) />
                    <Route path=path!("/surveys/:id/results") view=lazy_page!(admin_pages, SurveyResultsPage) />
                    <Route path=path!("/join-hoi") view=lazy_page!(hoi_pages, JoinHoiPage) />
                    <Route path=path!("/hoi/applications") view=lazy_page!(admin_pages, PipelinePage) />
                    <Route path=path!("/hoi/applications/:id") view=lazy_page!(admin_pages, ReviewPage) />
                    <Route path=path!("/me/data") view=lazy_page!(hoi_pages, MyDataPage) />
                    <Route path=path!("/reports") view=lazy_page!(admin_pages, ReportsPage) />
                </FlatRoutes>
            </Shell>
        </Router>
        }
    }
}
