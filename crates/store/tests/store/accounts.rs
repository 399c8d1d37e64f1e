//! The accounts story: every method of `AccountRepository`, on both backends.

use crate::{finish, postgres, sqlite_store};
use rapporteur_core::accounts::{Email, Password, Role};
use rapporteur_core::{MemberState, Paging};
use rapporteur_store::{
    AccountRepository, Actor, AuditFilter, RateLimits, SessionRepository, SqlStore, StoreError, StoreLocation,
};

fn email(s: &str) -> Email {
    Email::parse(s).unwrap()
}

fn password(s: &str) -> Password {
    Password::new(s.to_owned()).unwrap()
}

async fn story(store: &SqlStore) {
    let cli = Actor::Cli;
    assert_eq!(store.count_accounts().await.unwrap(), 0);
    let admin = store
        .create_account(&cli, &email("Admin@Example.EU"), &Role::Admin, &password("a long admin password"))
        .await
        .unwrap();
    assert_eq!(admin.email.as_str(), "admin@example.eu");
    let de = Role::Rapporteur { member_state: MemberState::parse("DE").unwrap() };
    let by_admin = Actor::Account(admin.email.clone());
    store.create_account(&by_admin, &email("nrem@bund.de"), &de, &password("ein langes Passwort")).await.unwrap();
    match store.create_account(&cli, &email("NREM@bund.de"), &Role::Editor, &password("another long one")).await {
        Err(StoreError::Conflict { kind: "account", .. }) => {}
        other => panic!("expected a conflict, got {other:?}"),
    }
    assert_eq!(store.count_accounts().await.unwrap(), 2);
    let all = store.list_accounts(Paging::first(100)).await.unwrap();
    assert_eq!(all.items.iter().map(|a| a.email.as_str()).collect::<Vec<_>>(), ["admin@example.eu", "nrem@bund.de"]);
    let second = store.list_accounts(Paging::new(2, 1).unwrap()).await.unwrap();
    assert_eq!((second.total, second.items[0].email.as_str()), (2, "nrem@bund.de"));
    assert_eq!(store.find_account_by_email(&email("nrem@bund.de")).await.unwrap().unwrap().role, de);
    assert!(store.find_account_by_email(&email("nobody@example.eu")).await.unwrap().is_none());

    // Passwords.
    assert!(store.check_password(&email("nrem@bund.de"), "ein langes Passwort").await.unwrap().is_some());
    assert!(store.check_password(&email("nrem@bund.de"), "ein langes passwort").await.unwrap().is_none());
    assert!(store.check_password(&email("nobody@example.eu"), "whatever it is").await.unwrap().is_none());
    store.set_password(&by_admin, &email("nrem@bund.de"), &password("a brand new password")).await.unwrap();
    assert!(store.check_password(&email("nrem@bund.de"), "ein langes Passwort").await.unwrap().is_none());
    assert!(store.check_password(&email("nrem@bund.de"), "a brand new password").await.unwrap().is_some());

    // Tokens.
    let token = store.create_api_token(&cli, &email("nrem@bund.de")).await.unwrap();
    assert!(token.starts_with("rpt_"));
    assert_eq!(store.account_for_token(&token).await.unwrap().unwrap().role, de);
    assert!(store.account_for_token("rpt_0000").await.unwrap().is_none());
    assert_eq!(store.revoke_api_tokens(&by_admin, &email("nrem@bund.de")).await.unwrap(), 1);
    assert!(store.account_for_token(&token).await.unwrap().is_none(), "revoked");

    // Disabling ends tokens and sign-in; enabling restores sign-in but not old tokens.
    let token = store.create_api_token(&cli, &email("nrem@bund.de")).await.unwrap();
    let disabled = store.set_account_disabled(&by_admin, &email("nrem@bund.de"), true).await.unwrap();
    assert!(disabled.disabled);
    assert!(store.account_for_token(&token).await.unwrap().is_none());
    assert!(store.check_password(&email("nrem@bund.de"), "a brand new password").await.unwrap().is_none());
    assert!(matches!(store.create_api_token(&cli, &email("nrem@bund.de")).await, Err(StoreError::Conflict { .. })));
    store.set_account_disabled(&by_admin, &email("nrem@bund.de"), false).await.unwrap();
    assert!(store.check_password(&email("nrem@bund.de"), "a brand new password").await.unwrap().is_some());
    assert!(store.account_for_token(&token).await.unwrap().is_none());
    assert!(matches!(
        store.set_account_disabled(&cli, &email("nobody@example.eu"), true).await,
        Err(StoreError::NotFound { kind: "account", .. })
    ));

    // The audit log: every change, newest first, filterable, without secrets.
    let log = store.list_audit(&AuditFilter::default(), Paging::first(100)).await.unwrap();
    let actions: Vec<&str> = log.items.iter().map(|e| e.action.as_str()).collect();
    assert_eq!(
        actions,
        ["enable", "disable", "create_token", "revoke_tokens", "create_token", "reset_password", "create", "create"]
    );
    assert_eq!(log.total, 8);
    let text = serde_json::to_string(&log.items).unwrap();
    assert!(!text.contains("argon2") && !text.contains("rpt_") && !text.contains("Passwort"), "no secrets in the log");
    let first = log.items.last().unwrap();
    assert_eq!((first.actor.as_str(), first.object_key.as_str()), ("cli", "admin@example.eu"));
    assert_eq!(first.after.as_ref().unwrap()["role"], "admin");
    let disable = &log.items[1];
    assert_eq!(disable.before.as_ref().unwrap()["disabled"], false);
    assert_eq!(disable.after.as_ref().unwrap()["disabled"], true);
    let by = AuditFilter { actor: Some("admin@example.eu".into()), ..Default::default() };
    assert_eq!(store.list_audit(&by, Paging::first(100)).await.unwrap().total, 5);
    let about = AuditFilter { object_key: Some("admin@example.eu".into()), ..Default::default() };
    assert_eq!(store.list_audit(&about, Paging::first(100)).await.unwrap().total, 1);
    let today = chrono::Utc::now().date_naive();
    let dated = AuditFilter { from: Some(today), to: Some(today), ..Default::default() };
    assert_eq!(store.list_audit(&dated, Paging::first(100)).await.unwrap().total, 8);
    let past = AuditFilter { to: today.pred_opt(), ..Default::default() };
    assert_eq!(store.list_audit(&past, Paging::first(100)).await.unwrap().total, 0);
    let page = store.list_audit(&AuditFilter::default(), Paging::new(2, 3).unwrap()).await.unwrap();
    assert_eq!(page.items[0].action, "revoke_tokens");

    // Sessions: found while live, gone after sign-out, expiry, disabling, or sign-out everywhere.
    let nrem = store.find_account_by_email(&email("nrem@bund.de")).await.unwrap().unwrap();
    let now = chrono::Utc::now();
    let hour = chrono::Duration::hours(1);
    let one = store.create_session(nrem.id, now, hour).await.unwrap();
    let two = store.create_session(nrem.id, now, hour).await.unwrap();
    assert_ne!(one.secret, two.secret);
    let found = store.find_session(&one.secret, now).await.unwrap().unwrap();
    assert_eq!((found.account.id, found.csrf_token.as_str()), (nrem.id, one.csrf_token.as_str()));
    assert!(store.find_session(&one.secret, now + hour * 2).await.unwrap().is_none(), "expired");
    assert!(store.find_session("not a session", now).await.unwrap().is_none());
    store.delete_session(&one.secret).await.unwrap();
    assert!(store.find_session(&one.secret, now).await.unwrap().is_none());
    let token = store.create_api_token(&cli, &nrem.email).await.unwrap();
    assert_eq!(store.end_access(&cli, &nrem.email).await.unwrap(), (1, 1), "one session, one token");
    assert!(store.find_session(&two.secret, now).await.unwrap().is_none());
    assert!(store.account_for_token(&token).await.unwrap().is_none(), "signing out everywhere revokes tokens");
    let token = store.create_api_token(&cli, &nrem.email).await.unwrap();
    store.set_password(&cli, &nrem.email, &password("ein neues langes Passwort")).await.unwrap();
    assert!(store.account_for_token(&token).await.unwrap().is_none(), "a password reset revokes tokens");
    let three = store.create_session(nrem.id, now, hour).await.unwrap();
    store.set_account_disabled(&cli, &nrem.email, true).await.unwrap();
    assert!(store.find_session(&three.secret, now).await.unwrap().is_none(), "disabling ends sessions");
    store.set_account_disabled(&cli, &nrem.email, false).await.unwrap();

    // Hits counted per key in fixed windows, each hit read back with its count.
    let window = chrono::Duration::minutes(15);
    for expected in 1..=3 {
        assert_eq!(store.hit("sign-in:nrem@bund.de", window).await.unwrap().count, expected);
    }
    assert_eq!(store.hit("sign-in:other@bund.de", window).await.unwrap().count, 1, "keys apart");
    store.take_back("sign-in:nrem@bund.de").await.unwrap();
    assert_eq!(store.hit("sign-in:nrem@bund.de", window).await.unwrap().count, 3, "one taken back");
    store.forget_hits("sign-in:nrem@bund.de").await.unwrap();
    let fresh = store.hit("sign-in:nrem@bund.de", window).await.unwrap();
    assert_eq!(fresh.count, 1, "forgotten");
    assert!(fresh.window_ends > chrono::Utc::now() + chrono::Duration::minutes(14));
    assert_eq!(store.hit("sign-in:nrem@bund.de", chrono::Duration::zero()).await.unwrap().count, 1, "a new window");
    assert_eq!(store.prune_hits(chrono::Utc::now() + hour).await.unwrap(), 2);

    // Nobody can alter it, not even with SQL on the store's own connection.
    for sql in ["UPDATE audit_log SET actor = 'someone else'", "DELETE FROM audit_log"] {
        let err = sqlx::query(sql).execute(store.pool()).await.expect_err(sql);
        assert!(err.to_string().contains("append-only"), "{sql}: {err}");
    }
    // Ten changes before, and two tokens, signing out everywhere and a password reset.
    assert_eq!(store.list_audit(&AuditFilter::default(), Paging::first(100)).await.unwrap().total, 14);
}

#[tokio::test]
async fn sqlite_accounts_story() {
    let (_dir, store) = sqlite_store().await;
    story(&store).await;
}

#[tokio::test]
async fn postgres_accounts_story() {
    let Some(db) = postgres().await else { return };
    let store = SqlStore::open(&StoreLocation::Url(db.url.clone()), crate::clock()).await.expect("open PostgreSQL");
    story(&store).await;
    finish(db, store).await;
}
