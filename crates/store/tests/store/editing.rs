//! The editing story: drafts, publication, updates and revisions, on both backends.

use crate::{sqlite_store, PgDatabase};
use rapporteur_core::accounts::Email;
use rapporteur_core::{Bundle, Eur, Paging, Slug};
use rapporteur_store::{
    synthetic_project, AccountRepository, Actor, AuditFilter, ContentRepository, ProjectEditing, ProjectFilter,
    SqlStore, StoreError, StoreLocation,
};

async fn story(store: &SqlStore) {
    store.seed_bundle(&Bundle::embedded().unwrap()).await.unwrap();
    let editor = Actor::Account(Email::parse("editor@example.eu").unwrap());
    let mut draft = synthetic_project(1);
    draft.slug = Slug::parse("new-project").unwrap();
    draft.synthetic = false;
    draft.published = false;
    draft.title = "A new project on labour exploitation".into();

    let created = store.create_project(&editor, &draft).await.unwrap();
    assert_eq!(created, draft);
    assert!(matches!(store.create_project(&editor, &draft).await, Err(StoreError::Conflict { .. })));
    // A draft is for editors only.
    assert!(store.find_project_by_slug(&draft.slug).await.unwrap().is_none());
    assert_eq!(store.list_projects(&ProjectFilter::default(), Paging::first(100)).await.unwrap().total, 6);
    assert_eq!(store.project_facets().await.unwrap().projects, 6);
    assert!(store.list_projects_after(None, 100).await.unwrap().iter().all(|p| p.slug != draft.slug));
    assert_eq!(store.find_project_for_editing(&draft.slug).await.unwrap().unwrap(), draft);

    let published = store.set_project_published(&editor, &draft.slug, true).await.unwrap();
    assert!(published.published);
    assert_eq!(store.find_project_by_slug(&draft.slug).await.unwrap().unwrap().title, draft.title);

    let mut edited = published.clone();
    edited.budget = Some(Eur::from_euros(123_456));
    edited.partners.truncate(1);
    edited.published = false; // ignored: publication has its own action
    let updated = store.update_project(&editor, &edited).await.unwrap();
    assert_eq!(updated.budget, Some(Eur::from_euros(123_456)));
    assert!(updated.published, "an update keeps the publication state");
    assert_eq!(store.find_project_by_slug(&draft.slug).await.unwrap().unwrap().partners.len(), updated.partners.len());

    let mut missing = edited.clone();
    missing.slug = Slug::parse("no-such-project").unwrap();
    assert!(matches!(store.update_project(&editor, &missing).await, Err(StoreError::NotFound { .. })));
    assert!(matches!(
        store.set_project_published(&editor, &missing.slug, true).await,
        Err(StoreError::NotFound { .. })
    ));

    store.set_project_published(&editor, &draft.slug, false).await.unwrap();
    assert!(store.find_project_by_slug(&draft.slug).await.unwrap().is_none());

    let revisions = store.list_project_revisions(&draft.slug).await.unwrap();
    let actions: Vec<(i64, &str)> = revisions.iter().map(|r| (r.revision, r.action.as_str())).collect();
    assert_eq!(actions, [(4, "unpublish"), (3, "update"), (2, "publish"), (1, "create")]);
    assert!(revisions.iter().all(|r| r.actor == "editor@example.eu"));
    assert_eq!(revisions[1].project.budget, Some(Eur::from_euros(123_456)));
    assert_eq!(revisions[3].project, draft);

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
    let Some(db) = PgDatabase::create().await else { return };
    let store = SqlStore::open(&StoreLocation::Url(db.url.clone())).await.expect("open PostgreSQL");
    story(&store).await;
    db.drop_database(store).await;
}
