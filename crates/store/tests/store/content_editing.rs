//! Editing calls, news and instruments: drafts, publication, updates, revisions and audit, on both backends.

use crate::{finish, postgres, sqlite_store};
use rapporteur_core::accounts::Email;
use rapporteur_core::editing::ContentKind as EditableKind;
use rapporteur_core::{Bundle, CallKind, Deadline, MemberState, Paging, Slug};
use rapporteur_store::{
    AccountRepository, Actor, AuditFilter, ContentEditing, ContentRepository, EditableItem, SqlStore, StoreError,
    StoreLocation,
};

async fn story(store: &SqlStore) {
    let bundle = Bundle::embedded().unwrap();
    store.seed_bundle(&bundle).await.unwrap();
    let editor = Actor::Account(Email::parse("editor@example.eu").unwrap());

    // An editor opens a Civil Society Platform call as a draft, from the 2018 one.
    let mut call = bundle.calls.iter().find(|c| c.kind == CallKind::ExpressionOfInterest).unwrap().clone();
    call.slug = Slug::parse("csp-call-2027").unwrap();
    call.title = "Call for expression of interest: EU Civil Society Platform 2027".into();
    call.deadline = Deadline::parse("2027-03-31T17:00").unwrap();
    call.eligible_member_states = ["CY", "LU"].iter().map(|m| MemberState::parse(m).unwrap()).collect();
    call.errata = Vec::new();
    call.published = false;
    let draft = EditableItem::Call(call.clone());
    let created = store.create_item(&editor, &draft).await.unwrap();
    assert_eq!(created, draft);
    assert!(matches!(store.create_item(&editor, &draft).await, Err(StoreError::Conflict { kind: "call", .. })));
    assert!(store.find_call_by_slug(&call.slug).await.unwrap().is_none(), "a draft is for editors only");
    assert_eq!(store.list_calls().await.unwrap().len(), bundle.calls.len());
    let listed = store.list_items_for_editing(EditableKind::Call, Paging::first(100)).await.unwrap().items;
    assert_eq!(listed.len(), bundle.calls.len() + 1);
    assert_eq!(listed[0], draft, "drafts come first");

    store.set_item_published(&editor, EditableKind::Call, &call.slug, true).await.unwrap();
    assert_eq!(
        store.find_call_by_slug(&call.slug).await.unwrap().unwrap().eligible_member_states,
        call.eligible_member_states
    );

    // An erratum; the update keeps the call published whatever the sent state says.
    let mut corrected = call.clone();
    corrected.errata = vec!["The deadline is 31 March 2027, 17:00 Brussels time.".into()];
    corrected.published = false;
    let updated = store.update_item(&editor, &EditableItem::Call(corrected.clone())).await.unwrap();
    assert!(updated.published());
    let public = store.find_call_by_slug(&call.slug).await.unwrap().unwrap();
    assert_eq!(public.errata, corrected.errata);
    assert_eq!(public.deadline, corrected.deadline);

    let revisions = store.list_item_revisions(EditableKind::Call, &call.slug, Paging::first(100)).await.unwrap().items;
    let actions: Vec<(i64, &str)> = revisions.iter().map(|r| (r.revision, r.action.as_str())).collect();
    assert_eq!(actions, [(3, "update"), (2, "publish"), (1, "create")]);
    assert_eq!(revisions[2].item, draft);
    assert!(matches!(&revisions[0].item, EditableItem::Call(c) if c.errata == corrected.errata));

    // Withdrawing a bundled news item hides it from the list, its count and its page; the order of
    // instruments survives an edit.
    let news = &bundle.news[0];
    let before = store.list_news(Paging::first(100)).await.unwrap().total;
    store.set_item_published(&editor, EditableKind::News, &news.slug, false).await.unwrap();
    assert_eq!(store.list_news(Paging::first(100)).await.unwrap().total, before - 1);
    assert!(store.find_news_by_slug(&news.slug).await.unwrap().is_none());
    assert!(!store.find_item_for_editing(EditableKind::News, &news.slug).await.unwrap().unwrap().published());

    let mut instrument = bundle.instruments[0].clone();
    instrument.summary.push("An editor's added paragraph.".into());
    store.update_item(&editor, &EditableItem::Instrument(instrument.clone())).await.unwrap();
    let instruments = store.list_instruments().await.unwrap();
    assert_eq!(instruments[0], instrument);
    assert_eq!(instruments.len(), bundle.instruments.len());

    let mut missing = instrument.clone();
    missing.slug = Slug::parse("no-such-instrument").unwrap();
    assert!(matches!(
        store.update_item(&editor, &EditableItem::Instrument(missing.clone())).await,
        Err(StoreError::NotFound { kind: "instrument", .. })
    ));
    assert!(matches!(
        store.set_item_published(&editor, EditableKind::Instrument, &missing.slug, true).await,
        Err(StoreError::NotFound { .. })
    ));
    // The same slug in another kind is another item, with revisions of its own.
    assert!(store.find_item_for_editing(EditableKind::News, &call.slug).await.unwrap().is_none());
    let namesake = EditableItem::News(rapporteur_core::NewsItem { slug: call.slug.clone(), ..news.clone() });
    store.create_item(&editor, &namesake).await.unwrap();
    assert_eq!(store.list_item_revisions(EditableKind::News, &call.slug, Paging::first(100)).await.unwrap().total, 1);
    assert_eq!(store.list_item_revisions(EditableKind::Call, &call.slug, Paging::first(100)).await.unwrap().total, 3);
    // A page at a time, numbered from the first.
    let second = store.list_item_revisions(EditableKind::Call, &call.slug, Paging::new(2, 2).unwrap()).await.unwrap();
    assert_eq!((second.total, second.items.len(), second.items[0].revision), (3, 1, 1));
    assert!(matches!(
        store.find_item_for_editing(EditableKind::Call, &call.slug).await.unwrap(),
        Some(EditableItem::Call(_))
    ));

    // Seeding again leaves editors' changes alone.
    store.seed_bundle(&bundle).await.unwrap();
    assert_eq!(store.list_instruments().await.unwrap()[0], instrument);
    assert!(store.find_news_by_slug(&news.slug).await.unwrap().is_none());

    let filter = AuditFilter {
        object_kind: Some("call".into()),
        object_key: Some("csp-call-2027".into()),
        ..Default::default()
    };
    let log = store.list_audit(&filter, Paging::first(100)).await.unwrap();
    assert_eq!(log.total, 3);
    let update = log.items.iter().find(|e| e.action == "update").unwrap();
    assert_eq!(update.before.as_ref().unwrap()["errata"], serde_json::json!([]));
    assert_eq!(update.after.as_ref().unwrap()["errata"][0], corrected.errata[0]);
    assert_eq!(update.after.as_ref().unwrap()["deadline"], "2027-03-31T17:00");
}

#[tokio::test]
async fn sqlite_content_editing_story() {
    let (_dir, store) = sqlite_store().await;
    story(&store).await;
}

#[tokio::test]
async fn postgres_content_editing_story() {
    let Some(db) = postgres().await else { return };
    let store = SqlStore::open(&StoreLocation::Url(db.url.clone()), crate::clock()).await.expect("open PostgreSQL");
    story(&store).await;
    finish(db, store).await;
}
