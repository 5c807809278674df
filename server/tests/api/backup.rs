//! `hoi-server backup` and `restore`: a copy taken while votes and comments pour in restores into
//! a new folder whole, and a copy taken at rest restores to the same rows and photo files.

use std::{collections::BTreeMap, path::Path};

use hoi_server::{backup, db::Db, Config};
use serde_json::json;

use crate::helpers::{fresh_database_url, spawn_app, unique_name, Client, TestApp};

/// Every file under a folder with its bytes, by relative path.
fn files(root: &Path) -> BTreeMap<String, Vec<u8>> {
    fn walk(root: &Path, dir: &Path, out: &mut BTreeMap<String, Vec<u8>>) {
        for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
            let path = entry.path();
            if path.is_dir() {
                walk(root, &path, out);
            } else {
                let name = path.strip_prefix(root).unwrap().display().to_string();
                out.insert(name, std::fs::read(&path).unwrap());
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(root, root, &mut out);
    out
}

/// A new, empty place to restore into: a database and a media folder.
async fn empty_place(app: &TestApp) -> Config {
    let mut config = (*app.state.config).clone();
    config.database_url = fresh_database_url().await;
    config.media_dir = std::env::temp_dir().join(format!("{}-restored-media", unique_name()));
    config
}

/// Signed-in demo members, with sessions made directly (the demo's password hashing is slow in a
/// debug build and not what this test is about).
async fn demo_members(app: &TestApp, count: i64) -> Vec<Client> {
    let ids: Vec<i64> = sqlx::query_scalar("SELECT id FROM users ORDER BY id LIMIT $1")
        .bind(count)
        .fetch_all(&app.state.db.pool)
        .await
        .unwrap();
    let mut clients = Vec::new();
    for id in ids {
        let token = hoi_server::auth::new_token();
        hoi_server::db::sessions::create(&app.state.db, id, &token)
            .await
            .unwrap();
        let mut client = app.client();
        client.cookie = Some(format!("hoi_session={token}"));
        clients.push(client);
    }
    clients
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_backup_taken_during_a_vote_burst_restores_whole_and_one_at_rest_restores_exactly() {
    let app = spawn_app().await;
    hoi_server::demo::seed_if_empty(&app.state.db, app.state.media.as_ref())
        .await
        .unwrap();
    let entries: Vec<i64> = sqlx::query_scalar("SELECT id FROM photo_contest_entries ORDER BY id")
        .fetch_all(&app.state.db.pool)
        .await
        .unwrap();
    let posts: Vec<i64> = sqlx::query_scalar("SELECT id FROM posts ORDER BY id DESC LIMIT 3")
        .fetch_all(&app.state.db.pool)
        .await
        .unwrap();
    assert!(
        !entries.is_empty() && !posts.is_empty(),
        "the demo has a contest and posts"
    );
    let voters = demo_members(&app, 40).await;

    // The burst: every member votes for every entry and comments, all at once.
    let burst: Vec<_> = voters
        .into_iter()
        .enumerate()
        .map(|(n, mut voter)| {
            let (entries, posts) = (entries.clone(), posts.clone());
            tokio::spawn(async move {
                for entry in &entries {
                    voter
                        .post(&format!("/api/photo-contest-entries/{entry}/vote"), json!({}))
                        .await;
                }
                for post in &posts {
                    voter
                        .post(
                            &format!("/api/posts/{post}/comments"),
                            json!({"body": format!("Ý kiến {n}")}),
                        )
                        .await;
                }
            })
        })
        .collect();
    let during = std::env::temp_dir().join(format!("{}-backup-during", unique_name()));
    let taken = backup::backup(&app.state.config, &during).await.unwrap();
    for task in burst {
        task.await.unwrap();
    }
    let live = backup::row_counts(&app.state.db).await.unwrap();
    let at_rest_photos = files(&app.state.config.media_dir);
    assert!(taken.photos > 0, "the demo's contest photos are in the backup");

    // Restored into a new place, the copy taken mid-burst is whole: no table holds more rows
    // than the live one did after the burst, and every photo it names is there, byte for byte.
    let place = empty_place(&app).await;
    backup::restore(&place, &during).await.unwrap();
    let restored = Db::connect(&place.database_url).await.unwrap();
    let counts = backup::row_counts(&restored).await.unwrap();
    assert_eq!(counts.len(), live.len(), "every table is there");
    for ((table, copied), (_, now)) in counts.iter().zip(&live) {
        assert!(copied <= now, "{table}: {copied} rows copied, {now} live");
    }
    let named: Vec<String> = sqlx::query_scalar("SELECT media_key FROM photos")
        .fetch_all(&restored.pool)
        .await
        .unwrap();
    let restored_files = files(&place.media_dir);
    for key in &named {
        let file = format!("{key}.jpg");
        assert_eq!(
            restored_files.get(&file),
            at_rest_photos.get(&file),
            "photo {file} restored as stored"
        );
    }

    // At rest, the copy restores to the very same rows and files.
    let at_rest = std::env::temp_dir().join(format!("{}-backup-at-rest", unique_name()));
    backup::backup(&app.state.config, &at_rest).await.unwrap();
    let place = empty_place(&app).await;
    backup::restore(&place, &at_rest).await.unwrap();
    let restored = Db::connect(&place.database_url).await.unwrap();
    assert_eq!(backup::row_counts(&restored).await.unwrap(), live);
    assert_eq!(files(&place.media_dir), at_rest_photos);

    // A restore never lands on data: the place is taken now.
    assert!(backup::restore(&place, &at_rest).await.is_err());
}
