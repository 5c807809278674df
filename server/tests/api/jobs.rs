//! Periodic jobs across server instances: one holder at a time, and another takes over when its
//! lease runs out (the instance died).

use hoi_server::db::jobs::claim;

use crate::helpers::spawn_app;

#[tokio::test]
async fn of_instances_asking_at_once_one_runs_the_job_and_another_takes_over_when_it_dies() {
    let app = spawn_app().await;
    let db = &app.state.db;
    let now = 1_000_000;
    let names: Vec<String> = (0..20).map(|n| format!("instance-{n}")).collect();
    // Twenty instances ask at the same moment: exactly one gets the tick.
    let answers =
        futures_util::future::join_all(names.iter().map(|name| claim(db, "tick", name, now, 45))).await;
    let holders: Vec<&String> = names
        .iter()
        .zip(&answers)
        .filter(|(_, answer)| *answer.as_ref().unwrap())
        .map(|(name, _)| name)
        .collect();
    assert_eq!(holders.len(), 1, "{answers:?}");
    let holder = holders[0].as_str();
    let other = names.iter().find(|n| n.as_str() != holder).unwrap();

    // She renews it at her next tick; the others wait while her lease lasts.
    assert!(claim(db, "tick", holder, now + 30, 45).await.unwrap());
    assert!(!claim(db, "tick", other, now + 74, 45).await.unwrap());
    // She stopped ticking: at the end of her lease another takes over, and she no longer has it.
    assert!(claim(db, "tick", other, now + 75, 45).await.unwrap());
    assert!(!claim(db, "tick", holder, now + 80, 45).await.unwrap());
    // Each job has its own lease.
    assert!(claim(db, "retention", holder, now + 80, 3600).await.unwrap());
    // A clean stop gives its jobs up at once: the next instance to ask gets them.
    hoi_server::db::jobs::release_all(db, holder).await.unwrap();
    assert!(claim(db, "retention", other, now + 81, 3600).await.unwrap());
}
