use crate::{finish, postgres, sqlite_store};
use rapporteur_core::{Bundle, Country, Eur, Paging, Programme, Slug};
use rapporteur_store::{
    synthetic_project, ContentRepository, ProjectFilter, ProjectSort, SqlStore, StoreError, StoreLocation,
};

fn slug(s: &str) -> Slug {
    Slug::parse(s).unwrap()
}

/// Walks every method of the repository once, checking what comes back.
async fn story(store: &dyn ContentRepository) {
    store.ping().await.expect("ping");
    let bundle = Bundle::embedded().expect("bundle");

    // Seeding fills everything once and is idempotent.
    let first = store.seed_bundle(&bundle).await.expect("seed");
    assert_eq!(first.projects, 6);
    assert_eq!(first.calls, 4);
    assert_eq!(first.news, 3);
    assert_eq!(first.agencies, 10);
    assert_eq!(first.instruments as usize, bundle.instruments.len());
    assert_eq!(first.bodies as usize, bundle.bodies.len());
    assert_eq!(first.institutions as usize, bundle.institutions.len());
    assert_eq!(first.people as usize, bundle.people.len());
    let again = store.seed_bundle(&bundle).await.expect("seed again");
    assert_eq!(again.total(), 0, "a second seeding adds nothing");
    assert_eq!(store.content_source().await.unwrap().as_deref(), Some(bundle.source.as_str()));

    // Projects come back exactly as they went in.
    for p in &bundle.projects {
        let stored = store.find_project_by_slug(&p.slug).await.unwrap().expect("stored project");
        assert_eq!(&stored, p, "project {} round-trips", p.slug);
    }
    assert!(store.find_project_by_slug(&slug("no-such-project")).await.unwrap().is_none());

    // Filters, sort and paging.
    let all = store.list_projects(&ProjectFilter::default(), Paging::default()).await.unwrap();
    assert_eq!(all.total, 6);
    // By the name a project is listed by: its acronym, else its title.
    let names: Vec<_> = all.items.iter().map(|p| p.short_name().to_lowercase()).collect();
    let mut sorted = names.clone();
    sorted.sort();
    assert_eq!(names, sorted, "sorted by name");
    let erc = ProjectFilter { programme: Some(Programme::Erc), ..Default::default() };
    assert_eq!(store.list_projects(&erc, Paging::default()).await.unwrap().total, 4);
    let bulgaria = ProjectFilter { country: Country::parse_code("BG").ok(), ..Default::default() };
    let bg = store.list_projects(&bulgaria, Paging::default()).await.unwrap();
    assert_eq!(bg.items.iter().map(|p| p.slug.as_str()).collect::<Vec<_>>(), ["anticorrp"]);
    assert_eq!(bg.items[0].partners.len(), 20, "list items carry their partners");
    let years = ProjectFilter { year_from: Some(2006), year_to: Some(2008), ..Default::default() };
    let in_years = store.list_projects(&years, Paging::default()).await.unwrap();
    assert_eq!(in_years.items.iter().map(|p| p.slug.as_str()).collect::<Vec<_>>(), ["glomig"]);
    let budget = ProjectFilter {
        budget_min: Some(Eur::from_euros(1_000_000)),
        budget_max: Some(Eur::from_euros(2_000_000)),
        sort: ProjectSort::BudgetDesc,
        ..Default::default()
    };
    let mid = store.list_projects(&budget, Paging::default()).await.unwrap();
    let budgets: Vec<_> = mid.items.iter().map(|p| p.budget.unwrap().cents()).collect();
    assert_eq!(budgets, [1_992_809_00, 1_498_463_00, 1_432_500_00]);
    let slugs: Vec<Slug> = ["swab", "no-such-project", "anticorrp"].iter().map(|s| Slug::parse(s).unwrap()).collect();
    let found: Vec<String> =
        store.find_projects_by_slugs(&slugs).await.unwrap().iter().map(|p| p.slug.to_string()).collect();
    assert_eq!(found, ["swab", "anticorrp"], "in the order asked, the unknown left out");
    let page2 = store.list_projects(&ProjectFilter::default(), Paging::new(2, 4).unwrap()).await.unwrap();
    assert_eq!((page2.total, page2.items.len()), (6, 2));
    let by_start = ProjectFilter { sort: ProjectSort::StartDate, ..Default::default() };
    let first_started = store.list_projects(&by_start, Paging::first(1)).await.unwrap();
    assert_eq!(first_started.items[0].slug.as_str(), "glomig");

    // Inserting: one, many, and conflicts that change nothing.
    let synthetic: Vec<_> = (1..=30).map(synthetic_project).collect();
    store.insert_project(&synthetic[0]).await.unwrap();
    match store.insert_project(&synthetic[0]).await {
        Err(StoreError::Conflict { kind: "project", .. }) => {}
        other => panic!("expected a conflict, got {other:?}"),
    }
    let err = store.insert_projects(&synthetic).await.unwrap_err();
    assert!(matches!(err, StoreError::Conflict { .. }), "{err:?}");
    assert_eq!(store.project_facets().await.unwrap().projects, 7, "a failed batch leaves nothing behind");
    store.insert_projects(&synthetic[1..]).await.unwrap();
    let facets = store.project_facets().await.unwrap();
    assert_eq!((facets.projects, facets.synthetic_projects), (36, 30));
    let first_start = bundle.projects.iter().chain(&synthetic).filter_map(|p| p.start_date).min().unwrap();
    assert_eq!(facets.first_year, Some(chrono::Datelike::year(&first_start)));
    assert_eq!(store.find_project_by_slug(&synthetic[4].slug).await.unwrap().as_ref(), Some(&synthetic[4]));

    // Walking every project in batches, for the search index.
    let mut seen = 0;
    let mut after: Option<Slug> = None;
    loop {
        let batch = store.list_projects_after(after.as_ref(), 7).await.unwrap();
        if batch.is_empty() {
            break;
        }
        seen += batch.len();
        after = batch.last().map(|p| p.slug.clone());
    }
    assert_eq!(seen, 36);
    let se = store.list_projects_by_country("SE", 100).await.unwrap();
    assert_eq!(se[0].slug.as_str(), "anticorrp", "real projects before synthetic ones");

    // Calls, news, agencies, instruments, bodies, institutions, people.
    let calls = store.list_calls().await.unwrap();
    assert_eq!(calls.len(), 4);
    assert_eq!(calls[0].slug.as_str(), "amif-2018-support-to-victims", "latest deadline first");
    let csp = store.find_call_by_slug(&slug("csp-2018-expression-of-interest")).await.unwrap().unwrap();
    assert_eq!(csp, bundle.calls.iter().find(|c| c.slug == csp.slug).unwrap().clone());
    assert!(store.find_call_by_slug(&slug("nope")).await.unwrap().is_none());
    let news = store.list_news(Paging::default()).await.unwrap();
    assert_eq!(news.total, 3);
    assert_eq!(news.items[0].slug.as_str(), "joint-statement-2018-signed", "newest first");
    let one = store.find_news_by_slug(&news.items[2].slug).await.unwrap().unwrap();
    assert_eq!(one.slug.as_str(), "civil-society-platform-launched");
    assert_eq!(store.list_agencies().await.unwrap().len(), 10);
    let easo = store.find_agency_by_slug(&slug("easo")).await.unwrap().unwrap();
    assert_eq!(easo.now_known_as.as_deref(), Some("EUAA"));
    let instruments = store.list_instruments().await.unwrap();
    assert_eq!(instruments, bundle.instruments);
    let directive = store.find_instrument_by_slug(&slug("directive-2011-36-eu")).await.unwrap().unwrap();
    assert!(directive.articles.iter().any(|a| a.number == "19"));
    assert_eq!(store.list_bodies().await.unwrap(), bundle.bodies);
    assert_eq!(store.list_institutions().await.unwrap().len(), bundle.institutions.len());
    assert_eq!(store.list_people().await.unwrap(), bundle.people);
}

#[tokio::test]
async fn sqlite_story() {
    let (_dir, store) = sqlite_store().await;
    story(&store).await;
}

#[tokio::test]
async fn postgres_story() {
    let Some(db) = postgres().await else { return };
    let store = SqlStore::open(&StoreLocation::Url(db.url.clone()), crate::clock()).await.expect("open PostgreSQL");
    story(&store).await;
    finish(db, store).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_processes_on_one_sqlite_file() {
    // Two stores opened at once on one file stand for two servers: both migrate and seed, and the file
    // ends up whole, with each item once.
    let dir = tempfile::tempdir().unwrap();
    let location = StoreLocation::DataDir(dir.path().to_owned());
    let bundle = Bundle::embedded().unwrap();
    let open_and_seed = |location: StoreLocation, bundle: Bundle| async move {
        let store = SqlStore::open(&location, crate::clock()).await.expect("open");
        store.seed_bundle(&bundle).await.expect("seed");
        store
    };
    let (a, b) = tokio::join!(
        tokio::spawn(open_and_seed(location.clone(), bundle.clone())),
        tokio::spawn(open_and_seed(location.clone(), bundle.clone()))
    );
    let (a, b) = (a.unwrap(), b.unwrap());
    let writes = (1..=200).map(synthetic_project).collect::<Vec<_>>();
    let (wa, wb) = tokio::join!(a.insert_projects(&writes[..100]), b.insert_projects(&writes[100..]));
    wa.unwrap();
    wb.unwrap();
    assert_eq!(a.project_facets().await.unwrap().projects, 206);
    assert_eq!(b.list_calls().await.unwrap().len(), 4);
    a.close().await;
    b.close().await;
    let reopened = SqlStore::open(&location, crate::clock()).await.unwrap();
    let check: (String,) = sqlx::query_as("PRAGMA integrity_check").fetch_one(reopened_pool(&reopened)).await.unwrap();
    assert_eq!(check.0, "ok");
}

fn reopened_pool(store: &SqlStore) -> &sqlx::AnyPool {
    store.pool()
}
