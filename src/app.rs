//! The router: one route per page, all inside the shell.

use leptos::prelude::*;
use leptos_router::{
    components::{Route, Router, Routes},
    path,
};

use crate::{
    components::shell::Shell,
    i18n::{use_texts, I18n},
    pages::{
        account::{ForgotPage, LoginPage, RegisterPage},
        contest::{ContestBuilderPage, ContestPage, EntryPage, JudgePage},
        feed::{ComposePage, LeavePage, PostPage, QueuePage},
        groups::{DirectoryPage, GroupPage, MembersPage, RequestsPage},
        hoi::{JoinHoiPage, PipelinePage, ReviewPage},
        home::HomePage,
        my_data::MyDataPage,
        profile::ProfilePage,
        quiz::{BuilderPage, QuizListPage, QuizPage, TakePage},
        report::ReportsPage,
        survey::{outbox, SurveyBuilderPage, SurveyPage, SurveyResultsPage, SurveysPage},
    },
    prefs,
    session::Session,
};

#[component]
pub fn App() -> impl IntoView {
    let i18n = I18n::provide();
    i18n.set(i18n.0.get_untracked());
    Session::provide();
    outbox::provide();
    prefs::set_large_text(prefs::large_text());
    // The whole tree is rebuilt when the language changes, so pages read their texts once.
    move || {
        i18n.0.track();
        let t = use_texts();
        view! {
        <Router>
            <Shell>
                <Routes fallback=move || view! { <p class="empty">{t.no_results}</p> }>
                    <Route path=path!("/") view=HomePage />
                    <Route path=path!("/register") view=RegisterPage />
                    <Route path=path!("/login") view=LoginPage />
                    <Route path=path!("/forgot") view=ForgotPage />
                    <Route path=path!("/me") view=ProfilePage />
                    <Route path=path!("/groups") view=DirectoryPage />
                    <Route path=path!("/groups/:id") view=GroupPage />
                    <Route path=path!("/groups/:id/requests") view=RequestsPage />
                    <Route path=path!("/groups/:id/members") view=MembersPage />
                    <Route path=path!("/groups/:id/write") view=ComposePage />
                    <Route path=path!("/groups/:id/queue") view=QueuePage />
                    <Route path=path!("/posts/:id") view=PostPage />
                    <Route path=path!("/leave") view=LeavePage />
                    <Route path=path!("/contests") view=QuizListPage />
                    <Route path=path!("/quizzes/new") view=BuilderPage />
                    <Route path=path!("/quizzes/:id") view=QuizPage />
                    <Route path=path!("/quizzes/:id/take") view=TakePage />
                    <Route path=path!("/photo-contests/new") view=ContestBuilderPage />
                    <Route path=path!("/photo-contests/:id") view=ContestPage />
                    <Route path=path!("/photo-contests/:id/judge") view=JudgePage />
                    <Route path=path!("/entries/:id") view=EntryPage />
                    <Route path=path!("/surveys") view=SurveysPage />
                    <Route path=path!("/surveys/new") view=SurveyBuilderPage />
                    <Route path=path!("/surveys/:id") view=SurveyPage />
                    <Route path=path!("/surveys/:id/edit") view=SurveyBuilderPage />
                    <Route path=path!("/surveys/:id/results") view=SurveyResultsPage />
                    <Route path=path!("/join-hoi") view=JoinHoiPage />
                    <Route path=path!("/hoi/applications") view=PipelinePage />
                    <Route path=path!("/hoi/applications/:id") view=ReviewPage />
                    <Route path=path!("/me/data") view=MyDataPage />
                    <Route path=path!("/reports") view=ReportsPage />
                </Routes>
            </Shell>
        </Router>
        }
    }
}
