//! The demo photo contest: "Duyên dáng áo dài" in Gia Lâm, voting open, three approved entries
//! with votes, one waiting for the board, and the Hà Nội admin on the jury.

use chrono::{Duration, Utc};
use hoi_api::photo_contest::{Audience, Criterion, EntryForm, EntryStatus, PhotoContestForm, VoteRule};
use image::{codecs::jpeg::JpegEncoder, DynamicImage, Rgb, RgbImage};

use crate::{
    db::{
        photo_contest_entries,
        photo_contest_votes::{self, Ballot},
        photo_contests, photos, Db,
    },
    media::MediaStore,
    photos::process,
};

/// A portrait "photo": a two-colour gradient with a long dress shape in the middle, so the
/// gallery shows pictures rather than grey boxes.
fn picture(top: [u8; 3], bottom: [u8; 3], dress: [u8; 3]) -> Vec<u8> {
    let (width, height) = (600u32, 800u32);
    let image = RgbImage::from_fn(width, height, |x, y| {
        let t = f64::from(y) / f64::from(height);
        let centre = (f64::from(x) - f64::from(width) / 2.0).abs();
        // Narrow at the shoulders, widening to the hem.
        let half = 40.0 + 140.0 * t;
        if (0.18..0.92).contains(&t) && centre < half {
            return Rgb(dress);
        }
        Rgb(std::array::from_fn(|i| {
            (f64::from(top[i]) * (1.0 - t) + f64::from(bottom[i]) * t) as u8
        }))
    });
    let mut bytes = Vec::new();
    let _ = DynamicImage::ImageRgb8(image).write_with_encoder(JpegEncoder::new_with_quality(
        std::io::Cursor::new(&mut bytes),
        85,
    ));
    bytes
}

async fn upload(
    db: &Db,
    media: &dyn MediaStore,
    group: i64,
    author: i64,
    bytes: &[u8],
) -> anyhow::Result<i64> {
    let processed = process(bytes).map_err(|code| anyhow::anyhow!("demo photo: {code:?}"))?;
    let key = format!("photos/{:032x}", rand::random::<u128>());
    media.put(&format!("{key}.jpg"), processed.display).await?;
    media.put(&format!("{key}-thumb.jpg"), processed.thumb).await?;
    Ok(photos::insert(db, group, author, processed.width, processed.height, &key).await?)
}

pub async fn seed(
    db: &Db,
    media: &dyn MediaStore,
    group: i64,
    admin: i64,
    judge: i64,
    members: &[i64],
) -> anyhow::Result<()> {
    let now = Utc::now();
    let form = PhotoContestForm {
        group_id: group,
        title: "Duyên dáng áo dài 2026".into(),
        rules: "Mỗi chị gửi một bài gồm 1–5 ảnh mặc áo dài và vài dòng kể về chiếc áo. \
                Mỗi tài khoản bình chọn một lần cho mỗi bài. Điểm tổng: giám khảo 70%, bình chọn 30%."
            .into(),
        cover_photo_id: Some(
            upload(
                db,
                media,
                group,
                admin,
                &picture([250, 224, 236], [168, 28, 84], [255, 255, 255]),
            )
            .await?,
        ),
        entries_open_at: now - Duration::days(3),
        entries_close_at: now + Duration::days(4),
        voting_open_at: now - Duration::days(2),
        voting_close_at: now + Duration::days(10),
        who_enters: Audience::Group,
        who_votes: Audience::Anyone,
        unit_id: None,
        entries_per_member: 1,
        vote_rule: VoteRule::PerEntry,
        votes_per_day: 0,
        live_results: true,
        judge_weight: 70,
        criteria: [("Trang phục", 10), ("Ảnh đẹp", 10), ("Câu chuyện", 10)]
            .map(|(name, max_points)| Criterion {
                name: name.into(),
                max_points,
            })
            .to_vec(),
        judge_phones: Vec::new(),
    };
    let contest = photo_contests::create(db, &form, &[judge], admin).await?;
    let entries = [
        (
            "Áo dài mẹ may ngày cưới",
            "Chiếc áo lụa mẹ tự tay may cho tôi ngày cưới, ba mươi năm vẫn giữ.",
            [[255, 244, 214], [214, 140, 40], [190, 30, 45]],
            5,
        ),
        (
            "Áo dài đi chùa đầu năm",
            "Ba thế hệ nhà tôi cùng mặc áo dài đi lễ chùa Bà Tấm.",
            [[221, 236, 255], [40, 80, 160], [250, 214, 90]],
            3,
        ),
        (
            "Áo dài cô giáo làng",
            "Mười lăm năm đứng lớp, ngày nào tôi cũng mặc áo dài trắng.",
            [[230, 248, 236], [40, 120, 80], [255, 255, 255]],
            2,
        ),
        (
            "Áo dài hoa sen",
            "Tôi vẽ hoa sen lên áo cho hội thi văn nghệ của xã.",
            [[255, 236, 242], [200, 90, 130], [120, 40, 140]],
            0,
        ),
    ];
    let mut voters = members.iter().copied();
    for (i, (title, story, [top, bottom, dress], votes)) in entries.into_iter().enumerate() {
        let Some(author) = members.get(i).copied() else {
            break;
        };
        let photo = upload(db, media, group, author, &picture(top, bottom, dress)).await?;
        let entry = EntryForm {
            title: title.into(),
            story: story.into(),
            photo_ids: vec![photo],
        };
        let Some(id) = photo_contest_entries::insert(db, contest, group, author, &entry).await? else {
            continue;
        };
        // The last one waits for the board, so the queue shows how approving works.
        if votes == 0 {
            continue;
        }
        photo_contest_entries::decide(db, id, EntryStatus::Approved, None, admin).await?;
        let ballots: Vec<Ballot> = voters
            .by_ref()
            .take(votes)
            .map(|voter| Ballot {
                contest_id: contest,
                entry_id: id,
                voter_id: voter,
                day: 0,
                cap: None,
                members_of: None,
                address: format!("demo-{voter}"),
                at_ms: (now - Duration::hours(voter % 40)).timestamp_millis(),
            })
            .collect();
        photo_contest_votes::write_batch(db, &ballots).await?;
    }
    Ok(())
}
