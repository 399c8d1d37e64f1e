//! The editing story: drafts, publication, updates and revisions, on both backends.

use crate::{finish, postgres, sqlite_store};
use rapporteur_core::accounts::Email;
use rapporteur_core::editing::ContentKind;
use rapporteur_core::{Bundle, Eur, Paging, Project, Slug};
use rapporteur_store::{
    synthetic_project, AccountRepository, Actor, AuditFilter, ContentEditing, ContentRepository, EditableItem,
    ProjectFilter, SqlStore, StoreError, StoreLocation,
};

/// Projects go through the editing machinery of every kind.
fn project(item: EditableItem) -> Project {
    match item {
        EditableItem::Project(p) => p,
        other => panic!("not a project: {other:?}"),
    }
}

async fn story(store: &SqlStore) {
    store.seed_bundle(&Bundle::embedded().unwrap()).await.unwrap();
    let editor = Actor::Account(Email::parse("editor@example.eu").unwrap());
    let mut draft = synthetic_project(1);
    draft.slug = Slug::parse("new-project").unwrap();
    draft.synthetic = false;
    draft.published = false;
    draft.title = "A new project on labour exploitation".into();

    let created = project(store.create_item(&editor, &draft.clone().into()).await.unwrap());
    assert_eq!(created, draft);
    assert!(matches!(store.create_item(&editor, &draft.clone().into()).await, Err(StoreError::Conflict { .. })));
    // A draft is for editors only.
    assert!(store.find_project_by_slug(&draft.slug).await.unwrap().is_none());
    assert_eq!(store.list_projects(&ProjectFilter::default(), Paging::first(100)).await.unwrap().total, 6);
    assert_eq!(store.project_facets().await.unwrap().projects, 6);
    assert!(store.list_projects_after(None, 100).await.unwrap().iter().all(|p| p.slug != draft.slug));
    assert_eq!(project(store.find_item_for_editing(ContentKind::Project, &draft.slug).await.unwrap().unwrap()), draft);

    let published = project(store.set_item_published(&editor, ContentKind::Project, &draft.slug, true).await.unwrap());
    assert!(published.published);
    assert_eq!(store.find_project_by_slug(&draft.slug).await.unwrap().unwrap().title, draft.title);

    let mut edited = published.clone();
    edited.budget = Some(Eur::from_euros(123_456));
    edited.partners.truncate(1);
    edited.published = false; // ignored: publication has its own action
    let updated = project(store.update_item(&editor, &edited.clone().into()).await.unwrap());
    assert_eq!(updated.budget, Some(Eur::from_euros(123_456)));
    assert!(updated.published, "an update keeps the publication state");
    assert_eq!(store.find_project_by_slug(&draft.slug).await.unwrap().unwrap().partners.len(), updated.partners.len());

    let mut missing = edited.clone();
    missing.slug = Slug::parse("no-such-project").unwrap();
    assert!(matches!(store.update_item(&editor, &missing.clone().into()).await, Err(StoreError::NotFound { .. })));
    assert!(matches!(
        store.set_item_published(&editor, ContentKind::Project, &missing.slug, true).await,
        Err(StoreError::NotFound { .. })
    ));

    store.set_item_published(&editor, ContentKind::Project, &draft.slug, false).await.unwrap();
    assert!(store.find_project_by_slug(&draft.slug).await.unwrap().is_none());

    let revisions =
        store.list_item_revisions(ContentKind::Project, &draft.slug, Paging::first(100)).await.unwrap().items;
    let actions: Vec<(i64, &str)> = revisions.iter().map(|r| (r.revision, r.action.as_str())).collect();
    assert_eq!(actions, [(4, "unpublish"), (3, "update"), (2, "publish"), (1, "create")]);
    assert!(revisions.iter().all(|r| r.actor == "editor@example.eu"));
    assert_eq!(project(revisions[1].item.clone()).budget, Some(Eur::from_euros(123_456)));
    assert_eq!(project(revisions[3].item.clone()), draft);

    let filter = AuditFilter {
        object_kind: Some("project".into()),
        object_key: Some("new-project".into()),
        ..Default::default()
    };
    let log = store.list_audit(&filter, Paging::first(100)).await.unwrap();
    assert_eq!(log.total, 4);
    let update = log.items.iter().find(|e| e.action == "update").unwrap();
    assert_eq!(update.before.as_ref().unwrap()["budget"], published.budget.unwrap().to_decimal_string());
    assert_eq!(update.after.as_ref().unwrap()["budget"], "123456.00");
}

#[tokio::test]
async fn sqlite_editing_story() {
    let (_dir, store) = sqlite_store().await;
    story(&store).await;
}

#[tokio::test]
async fn postgres_editing_story() {
    let Some(db) = postgres().await else { return };
    let store = SqlStore::open(&StoreLocation::Url(db.url.clone()), crate::clock()).await.expect("open PostgreSQL");
    story(&store).await;
    finish(db, store).await;
}
