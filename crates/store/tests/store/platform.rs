//! The Platform story: applications, decisions with their accounts, members per Member State.

use crate::{finish, postgres, sqlite_store};
use rapporteur_core::accounts::{Email, Role};
use rapporteur_core::{MemberState, Paging, Slug};
use rapporteur_store::{
    AccountRepository, Actor, ApplicationFilter, ApplicationStatus, AuditFilter, NewApplication, PlatformRepository,
    SqlStore, StoreError, StoreLocation,
};

fn application(org: &str, seat: &str, email: &str) -> NewApplication {
    NewApplication {
        call: Slug::parse("csp-2018-expression-of-interest").unwrap(),
        organisation_name: format!("{org} association"),
        organisation: Slug::parse(org).unwrap(),
        member_state: MemberState::parse(seat).unwrap(),
        contact_email: Email::parse(email).unwrap(),
        motivation: "We shelter victims.".into(),
    }
}

async fn story(store: &SqlStore) {
    let malta = store.submit_application(&application("malta-shelter", "MT", "office@shelter.mt")).await.unwrap();
    assert_eq!(malta.status, ApplicationStatus::Submitted);
    let estonia = store.submit_application(&application("tallinn-ngo", "EE", "info@ngo.ee")).await.unwrap();
    let of_call = |slug: &str| ApplicationFilter { call: Some(Slug::parse(slug).unwrap()), ..Default::default() };
    let listed =
        store.list_applications(&of_call("csp-2018-expression-of-interest"), Paging::first(100)).await.unwrap();
    assert_eq!(listed.items.iter().map(|a| a.id).collect::<Vec<_>>(), [estonia.id, malta.id]);
    assert_eq!(listed.total, 2);
    assert!(store.list_applications(&of_call("other-call"), Paging::first(100)).await.unwrap().items.is_empty());
    let own = ApplicationFilter {
        organisation: Some(("malta-shelter".into(), "office@shelter.mt".into())),
        ..Default::default()
    };
    let own = store.list_applications(&own, Paging::first(1)).await.unwrap();
    assert_eq!((own.total, own.items[0].id), (1, malta.id));

    let editor = Actor::Account(Email::parse("editor@example.eu").unwrap());
    let accepted = store.decide_application(&editor, malta.id, true).await.unwrap();
    assert_eq!(
        (accepted.status, accepted.decided_by.as_deref()),
        (ApplicationStatus::Accepted, Some("editor@example.eu"))
    );
    let account = store.find_account_by_email(&Email::parse("office@shelter.mt").unwrap()).await.unwrap().unwrap();
    assert_eq!(account.role, Role::Cso { organisation: Slug::parse("malta-shelter").unwrap() });
    store.decide_application(&editor, estonia.id, false).await.unwrap();
    assert!(matches!(
        store.decide_application(&editor, estonia.id, true).await,
        Err(StoreError::AlreadyChanged { kind: "application", .. })
    ));
    assert!(matches!(store.decide_application(&editor, 999_999, true).await, Err(StoreError::NotFound { .. })));
    assert!(store.find_account_by_email(&Email::parse("info@ngo.ee").unwrap()).await.unwrap().is_none());

    let members = store.members_per_member_state().await.unwrap();
    assert_eq!(members.len(), 27);
    assert_eq!(members.iter().find(|(m, _)| m.iso() == "MT").unwrap().1, 1);
    assert_eq!(members.iter().filter(|(_, n)| *n == 0).count(), 26);

    let log = store
        .list_audit(&AuditFilter { object_kind: Some("application".into()), ..Default::default() }, Paging::first(10))
        .await
        .unwrap();
    let actions: Vec<&str> = log.items.iter().map(|e| e.action.as_str()).collect();
    assert_eq!(actions, ["reject", "accept", "apply", "apply"]);
    assert_eq!(log.items[3].actor, "public:office@shelter.mt");
}

#[tokio::test]
async fn sqlite_platform_story() {
    let (_dir, store) = sqlite_store().await;
    story(&store).await;
}

#[tokio::test]
async fn postgres_platform_story() {
    let Some(db) = postgres().await else { return };
    let store = SqlStore::open(&StoreLocation::Url(db.url.clone()), crate::clock()).await.expect("open PostgreSQL");
    story(&store).await;
    finish(db, store).await;
}

fn writing(nrem: Option<&str>, summary: &[&str]) -> rapporteur_core::editing::MemberStateWriting {
    rapporteur_core::editing::MemberStateWriting {
        nrem: nrem.map(str::to_owned),
        summary: summary.iter().map(|p| (*p).to_owned()).collect(),
        ..Default::default()
    }
}

async fn member_state_story(store: &SqlStore) {
    use rapporteur_store::MemberStatePages;
    let de = MemberState::parse("DE").unwrap();
    assert!(store.find_member_state_page(de).await.unwrap().is_none());
    let nrem = Actor::Account(Email::parse("nrem@bund.de").unwrap());
    let saved = store.save_member_state_page(&nrem, de, &writing(Some("Federal rapporteur"), &["One."])).await.unwrap();
    assert_eq!(saved.updated_by, "nrem@bund.de");
    let again = store.save_member_state_page(&nrem, de, &writing(None, &["Two.", "Three."])).await.unwrap();
    assert_eq!((again.nrem, again.summary.len()), (None, 2));
    assert_eq!(store.find_member_state_page(de).await.unwrap().unwrap().summary, ["Two.", "Three."]);
    let log = store
        .list_audit(&AuditFilter { object_kind: Some("member_state".into()), ..Default::default() }, Paging::first(10))
        .await
        .unwrap();
    assert_eq!(log.total, 2);
    assert_eq!(log.items[0].before.as_ref().unwrap()["nrem"], "Federal rapporteur");
    let listed = store.list_member_state_page_revisions(de, Paging::first(100)).await.unwrap();
    assert_eq!(listed.items.iter().map(|(n, _)| *n).collect::<Vec<_>>(), [2, 1]);
    let revisions: Vec<_> = listed.items.into_iter().map(|(_, page)| page).collect();
    assert_eq!(revisions.len(), 2);
    assert_eq!(revisions[0].summary, ["Two.", "Three."]);
    assert_eq!(revisions[1].nrem.as_deref(), Some("Federal rapporteur"));
    assert!(revisions.iter().all(|r| r.updated_by == "nrem@bund.de"));
    // The NREM's contact and reports are kept as written, and every written page is listed.
    let contact = rapporteur_core::editing::MemberStateWriting {
        nrem_institution: Some("Federal Ministry".into()),
        nrem_website: Some("https://example.org/".into()),
        nrem_email: Some("nrem@example.org".into()),
        nrem_postal_address: Some("Street 1\n10115 Berlin".into()),
        national_reports: vec![rapporteur_core::editing::NationalReport {
            title: "Report".into(),
            year: 2020,
            url: Some("https://example.org/r.pdf".into()),
        }],
        ..writing(Some("Federal rapporteur"), &["Four."])
    };
    let saved = store.save_member_state_page(&nrem, de, &contact).await.unwrap();
    assert_eq!(saved.writing(), contact);
    let all = store.list_member_state_pages().await.unwrap();
    assert_eq!(all.iter().map(|(ms, _)| ms.iso()).collect::<Vec<_>>(), ["DE"]);
    assert_eq!(all[0].1.writing(), contact);
    let fr = MemberState::parse("FR").unwrap();
    assert!(store.list_member_state_page_revisions(fr, Paging::first(100)).await.unwrap().items.is_empty());
    // PostgreSQL refuses a NUL character in text; the refusal is the input's fault, not a server error.
    let nul = store.save_member_state_page(&nrem, de, &writing(Some("a\0b"), &[])).await;
    match store.backend() {
        rapporteur_store::Backend::Postgres => {
            assert!(matches!(nul, Err(rapporteur_store::StoreError::Rejected(_))), "{nul:?}")
        }
        rapporteur_store::Backend::Sqlite => assert!(nul.is_ok()),
    }
}

#[tokio::test]
async fn sqlite_member_state_pages() {
    let (_dir, store) = sqlite_store().await;
    member_state_story(&store).await;
}

#[tokio::test]
async fn postgres_member_state_pages() {
    let Some(db) = postgres().await else { return };
    let store = SqlStore::open(&StoreLocation::Url(db.url.clone()), crate::clock()).await.expect("open PostgreSQL");
    member_state_story(&store).await;
    finish(db, store).await;
}

async fn commitments_story(store: &SqlStore) {
    use chrono::NaiveDate;
    use rapporteur_core::{Bundle, Commitment, CommitmentStatus};
    use rapporteur_store::{CommitmentRepository, ContentRepository};
    let seeded = store.seed_bundle(&Bundle::embedded().unwrap()).await.unwrap();
    assert_eq!(seeded.commitments, 7);
    let all = store.list_commitments().await.unwrap();
    assert_eq!(all.len(), 7);
    assert!(
        all.iter().all(|c| c.status.is_none() && c.progress.is_empty()),
        "the page records no status: none is invented"
    );
    let europol = Actor::Account(Email::parse("europol@example.eu").unwrap());
    let slug = Slug::parse("js2018-gender-specific-child-sensitive").unwrap();
    let day = NaiveDate::from_ymd_opt(2018, 10, 1).unwrap();
    let after = store
        .record_progress(
            &europol,
            &slug,
            day,
            "Training module drafted.",
            Some("https://example.eu/evidence"),
            Some(CommitmentStatus::InProgress),
        )
        .await
        .unwrap();
    assert_eq!(after.status, Some(CommitmentStatus::InProgress));
    let after = store.record_progress(&europol, &slug, day.succ_opt().unwrap(), "Reviewed.", None, None).await.unwrap();
    assert_eq!((after.status, after.progress.len()), (Some(CommitmentStatus::InProgress), 2));
    assert_eq!(after.progress[0].author, "europol@example.eu");
    let missing = Slug::parse("no-such-commitment").unwrap();
    assert!(matches!(
        store.record_progress(&europol, &missing, day, "x", None, None).await,
        Err(StoreError::NotFound { .. })
    ));
    let entered = Commitment {
        slug: Slug::parse("entered-by-editor").unwrap(),
        instrument: Slug::parse("joint-statement-2018").unwrap(),
        title: "Joint training".into(),
        priority: None,
        owners: vec![Slug::parse("cepol").unwrap()],
        due: None,
        source_text: String::new(),
    };
    let editor = Actor::Account(Email::parse("editor@example.eu").unwrap());
    store.create_commitment(&editor, &entered).await.unwrap();
    assert!(matches!(store.create_commitment(&editor, &entered).await, Err(StoreError::Conflict { .. })));
    assert_eq!(store.find_commitment(&entered.slug).await.unwrap().unwrap().commitment, entered);
    let log = store
        .list_audit(&AuditFilter { object_kind: Some("commitment".into()), ..Default::default() }, Paging::first(10))
        .await
        .unwrap();
    assert_eq!(log.total, 3);
}

#[tokio::test]
async fn sqlite_commitments() {
    let (_dir, store) = sqlite_store().await;
    commitments_story(&store).await;
}

#[tokio::test]
async fn postgres_commitments() {
    let Some(db) = postgres().await else { return };
    let store = SqlStore::open(&StoreLocation::Url(db.url.clone()), crate::clock()).await.expect("open PostgreSQL");
    commitments_story(&store).await;
    finish(db, store).await;
}

async fn meetings_story(store: &SqlStore) {
    use chrono::NaiveDate;
    use rapporteur_store::{Meeting, MeetingRepository};
    let editor = Actor::Account(Email::parse("editor@example.eu").unwrap());
    let slug = Slug::parse("nrem-2018-06").unwrap();
    let mut meeting = Meeting {
        slug: slug.clone(),
        title: "Meeting of the EU Network of NREMs".into(),
        date: NaiveDate::from_ymd_opt(2018, 6, 13).unwrap(),
        presidency: MemberState::parse("BG").unwrap(),
        joint_with_csp: false,
        agenda: vec!["Signing of the Joint Statement".into()],
        minutes: Vec::new(),
    };
    assert_eq!(meeting.semester(), "2018 H1");
    store.save_meeting(&editor, &meeting).await.unwrap();
    meeting.minutes = vec!["The ten agencies signed.".into()];
    store.save_meeting(&editor, &meeting).await.unwrap();
    assert_eq!(store.find_meeting(&slug).await.unwrap().unwrap(), meeting);
    assert_eq!(store.list_meetings().await.unwrap().len(), 1);
    let de = MemberState::parse("DE").unwrap();
    let nrem = Actor::Account(Email::parse("nrem@bund.de").unwrap());
    store.record_attendance(&nrem, &slug, de, true).await.unwrap();
    store.record_attendance(&nrem, &slug, de, false).await.unwrap();
    let attendance = store.list_attendance(&slug).await.unwrap();
    assert_eq!((attendance.len(), attendance[0].present), (1, false));
    let missing = Slug::parse("no-meeting").unwrap();
    assert!(matches!(store.record_attendance(&nrem, &missing, de, true).await, Err(StoreError::NotFound { .. })));
    let bytes = b"%PDF-1.4 agenda".to_vec();
    let doc = store.add_document(&editor, &slug, "agenda.pdf", "application/pdf", &bytes).await.unwrap();
    assert_eq!(doc.size, bytes.len() as i64);
    assert_eq!(store.list_documents(&slug).await.unwrap(), vec![doc.clone()]);
    assert_eq!(store.read_document(&slug, doc.id).await.unwrap().unwrap().1, bytes);
    assert!(store.read_document(&missing, doc.id).await.unwrap().is_none());
    let log = store
        .list_audit(&AuditFilter { object_kind: Some("meeting".into()), ..Default::default() }, Paging::first(10))
        .await
        .unwrap();
    let actions: Vec<&str> = log.items.iter().map(|e| e.action.as_str()).collect();
    assert_eq!(actions, ["add_document", "record_attendance", "record_attendance", "update", "create"]);
}

#[tokio::test]
async fn sqlite_meetings() {
    let (_dir, store) = sqlite_store().await;
    meetings_story(&store).await;
}

#[tokio::test]
async fn postgres_meetings() {
    let Some(db) = postgres().await else { return };
    let store = SqlStore::open(&StoreLocation::Url(db.url.clone()), crate::clock()).await.expect("open PostgreSQL");
    meetings_story(&store).await;
    finish(db, store).await;
}
