//! The router: one route per page, all inside the shell. The first screen's pages (the home
//! feed, signing in, registering) are in the first load; every other page is a route loaded on
//! demand (see [`crate::lazy`]) from its feature's pack: `groups` (groups, posts, her profile),
//! `quiz`, `photo`, `survey`, `hoi`, and `admin` for every page of the board, the builders and
//! the cadres, which members never download. Few names on purpose: each set of names that shares
//! code becomes a chunk file, and a page instantiates every chunk file of its pack.

use leptos::prelude::*;
use leptos_router::{
    components::{FlatRoutes, Route, Router},
    path,
};

use crate::{
    components::shell::Shell,
    connection,
    i18n::{use_texts, I18n},
    lazy::lazy_page,
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
                    <Route path=path!("/forgot") view=lazy_page!(forgot_page, groups, ForgotPage) />
                    <Route path=path!("/me") view=lazy_page!(profile_page, groups, ProfilePage) />
                    <Route path=path!("/groups") view=lazy_page!(directory_page, groups, DirectoryPage) />
                    <Route path=path!("/groups/new") view=lazy_page!(create_group_page, groups, CreateGroupPage) />
                    <Route path=path!("/groups/:id") view=lazy_page!(group_page, groups, GroupPage) />
                    <Route path=path!("/groups/:id/requests") view=lazy_page!(requests_page, admin, RequestsPage) />
                    <Route path=path!("/groups/:id/members") view=lazy_page!(members_page, admin, MembersPage) />
                    <Route path=path!("/groups/:id/write") view=lazy_page!(compose_page, groups, ComposePage) />
                    <Route path=path!("/groups/:id/queue") view=lazy_page!(queue_page, admin, QueuePage) />
                    <Route path=path!("/posts/:id") view=lazy_page!(post_page, groups, PostPage) />
                    <Route path=path!("/leave") view=lazy_page!(leave_page, groups, LeavePage) />
                    <Route path=path!("/contests") view=lazy_page!(quiz_list_page, quiz, QuizListPage) />
                    <Route path=path!("/quizzes/new") view=lazy_page!(quiz_builder_page, admin, BuilderPage) />
                    <Route path=path!("/quizzes/:id") view=lazy_page!(quiz_page, quiz, QuizPage) />
                    <Route path=path!("/quizzes/:id/take") view=lazy_page!(take_page, quiz, TakePage) />
                    <Route path=path!("/photo-contests/new") view=lazy_page!(photo_contest_builder_page, admin, PhotoContestBuilderPage) />
                    <Route path=path!("/photo-contests/:id") view=lazy_page!(photo_contest_page, photo, PhotoContestPage) />
                    <Route path=path!("/photo-contests/:id/judge") view=lazy_page!(judge_page, admin, JudgePage) />
                    <Route path=path!("/entries/:id") view=lazy_page!(entry_page, photo, EntryPage) />
                    <Route path=path!("/surveys") view=lazy_page!(surveys_page, survey, SurveysPage) />
                    <Route path=path!("/surveys/new") view=lazy_page!(survey_builder_page, admin, SurveyBuilderPage) />
                    <Route path=path!("/surveys/:id") view=lazy_page!(survey_page, survey, SurveyPage) />
                    <Route path=path!("/surveys/:id/edit") view=lazy_page!(survey_builder_page_again, admin, SurveyBuilderPage) />
                    <Route path=path!("/surveys/:id/results") view=lazy_page!(survey_results_page, admin, SurveyResultsPage) />
                    <Route path=path!("/join-hoi") view=lazy_page!(join_hoi_page, hoi, JoinHoiPage) />
                    <Route path=path!("/hoi/applications") view=lazy_page!(pipeline_page, admin, PipelinePage) />
                    <Route path=path!("/hoi/applications/:id") view=lazy_page!(review_page, admin, ReviewPage) />
                    <Route path=path!("/me/data") view=lazy_page!(my_data_page, hoi, MyDataPage) />
                    <Route path=path!("/reports") view=lazy_page!(reports_page, admin, ReportsPage) />
                </FlatRoutes>
            </Shell>
        </Router>
        }
    }
}
