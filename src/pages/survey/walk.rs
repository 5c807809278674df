//! The rules of the answering screen as a plain type, so they are tested without a browser: which
//! questions and sections are shown (a condition can hide them), what is sent, which errors
//! belong to the section on screen, where Next and Back go, and the progress. `answer.rs` only
//! draws them.

use hoi_api::{
    error::FieldErrors,
    survey::{self, Answer, Question, Section},
};

/// Her answers so far, read against the survey's sections.
pub struct Walk<'a> {
    sections: &'a [Section],
    answers: &'a [Answer],
    /// Which questions her answers show, worked out once per read rather than per question.
    visible: Vec<(u32, bool)>,
}

impl<'a> Walk<'a> {
    pub fn new(sections: &'a [Section], answers: &'a [Answer]) -> Self {
        let visible = survey::visible(sections, answers);
        Walk {
            sections,
            answers,
            visible,
        }
    }

    pub fn shown(&self, question: u32) -> bool {
        self.visible.iter().any(|&(q, on)| q == question && on)
    }

    /// A section is shown when one of its questions is.
    pub fn section_shown(&self, i: usize) -> bool {
        self.sections
            .get(i)
            .is_some_and(|section| section.questions.iter().any(|q| self.shown(q.id)))
    }

    /// The questions of section `i` that her answers show.
    pub fn shown_in(&self, i: usize) -> Vec<Question> {
        self.sections
            .get(i)
            .map(|section| {
                section
                    .questions
                    .iter()
                    .filter(|q| self.shown(q.id))
                    .cloned()
                    .collect()
            })
            .unwrap_or_default()
    }

    /// What is sent: the answers to the questions shown, so a changed mind leaves nothing hidden behind.
    pub fn given(&self) -> Vec<Answer> {
        self.answers
            .iter()
            .filter(|a| self.shown(a.question) && !a.is_empty())
            .cloned()
            .collect()
    }

    /// The errors of the answers to send; of section `section` only, when given.
    pub fn errors_in(&self, section: Option<usize>) -> Option<FieldErrors> {
        let mut errors = survey::check_answers(self.sections, &self.given()).err()?;
        if let Some(i) = section {
            let keys: Vec<String> = self.sections[i]
                .questions
                .iter()
                .map(|q| format!("answers.{}", q.id))
                .collect();
            errors.0.retain(|key, _| keys.contains(key));
        }
        (!errors.is_empty()).then_some(errors)
    }

    /// The first section with one of `errors`, where Send takes her back to.
    pub fn first_section_with(&self, errors: &FieldErrors) -> usize {
        self.sections
            .iter()
            .position(|section| {
                section
                    .questions
                    .iter()
                    .any(|q| errors.0.contains_key(&format!("answers.{}", q.id)))
            })
            .unwrap_or(0)
    }

    /// The next (or previous) section shown from `from`; `None` at either end.
    pub fn move_to(&self, from: usize, forward: bool) -> Option<usize> {
        let mut at = from;
        loop {
            at = match (forward, at) {
                (true, n) if n + 1 < self.sections.len() => n + 1,
                (false, n) if n > 0 => n - 1,
                _ => return None,
            };
            if self.section_shown(at) {
                return Some(at);
            }
        }
    }

    /// `(sections shown up to and with step, sections shown)`, for "Phần 2/3" and the bar.
    pub fn progress(&self, step: usize) -> (usize, usize) {
        let count = self.sections.len();
        let before = (0..=step.min(count.saturating_sub(1)))
            .filter(|i| self.section_shown(*i))
            .count();
        let total = (0..count).filter(|i| self.section_shown(*i)).count().max(1);
        (before, total)
    }
}

#[cfg(test)]
mod tests {
    use hoi_api::survey::{QuestionKind, ShowIf};
    use wasm_bindgen_test::wasm_bindgen_test;

    use super::*;

    fn question(id: u32, kind: QuestionKind, show_if: Option<ShowIf>) -> Question {
        Question {
            id,
            kind,
            text: format!("Câu {id}"),
            help: String::new(),
            required: true,
            options: vec!["Một".into(), "Hai".into()],
            other: false,
            max_choices: 0,
            min: None,
            max: None,
            show_if,
        }
    }

    /// Three sections; the second is shown only to who answered "Có" (option 0) to question 1.
    fn sections() -> Vec<Section> {
        let section = |title: &str, questions| Section {
            title: title.into(),
            questions,
        };
        vec![
            section("Chị", vec![question(1, QuestionKind::YesNo, None)]),
            section(
                "Con nhỏ",
                vec![question(
                    2,
                    QuestionKind::Single,
                    Some(ShowIf {
                        question: 1,
                        option: 0,
                    }),
                )],
            ),
            section("Mong muốn", vec![question(3, QuestionKind::Single, None)]),
        ]
    }

    fn chose(question: u32, option: u8) -> Answer {
        Answer {
            question,
            chosen: vec![option],
            ..Answer::default()
        }
    }

    #[wasm_bindgen_test]
    fn a_hidden_section_is_skipped_both_ways_and_left_out_of_the_progress() {
        let sections = sections();
        let answers = [chose(1, 1)];
        let walk = Walk::new(&sections, &answers);
        assert!(!walk.section_shown(1));
        assert_eq!(walk.move_to(0, true), Some(2));
        assert_eq!(walk.move_to(2, false), Some(0));
        assert_eq!(walk.move_to(2, true), None);
        assert_eq!(walk.progress(2), (2, 2));

        let answers = [chose(1, 0)];
        let walk = Walk::new(&sections, &answers);
        assert_eq!(walk.move_to(0, true), Some(1));
        assert_eq!(walk.progress(0), (1, 3));
    }

    #[wasm_bindgen_test]
    fn a_changed_mind_sends_nothing_hidden_and_errors_stay_in_their_section() {
        let sections = sections();
        // She answered the second section, then went back and said "Không".
        let answers = [chose(1, 1), chose(2, 0)];
        let walk = Walk::new(&sections, &answers);
        assert_eq!(walk.given(), vec![chose(1, 1)]);
        // The first section is complete; the third is not, and Send goes back to it.
        assert!(walk.errors_in(Some(0)).is_none());
        let errors = walk.errors_in(None).expect("question 3 is required");
        assert_eq!(errors.0.keys().collect::<Vec<_>>(), ["answers.3"]);
        assert_eq!(walk.first_section_with(&errors), 2);
    }
}
