//! Ending access ends all of it; guessing is counted before it is checked and cannot lock anyone out.

use crate::{at_once, client, no_server_errors, tally, Member, Req, Site, CALL_OPEN, PASSWORD};
use axum::http::{Method, StatusCode};
use rapporteur_core::accounts::Role;
use serde_json::json;

/// A stolen session's token: minted by the session's holder, then the owner cleans up.
async fn stolen_token(site: &Site, owner: &Member) -> String {
    let minted = site
        .send(Req::new(Method::POST, "/api/v1/me/tokens").in_browser_of(owner).header("x-csrf-token", &owner.csrf))
        .await;
    assert_eq!(minted.status, StatusCode::CREATED, "{}: {}", site.backend, minted.body);
    minted.json()["token"].as_str().unwrap().to_owned()
}

async fn token_works(site: &Site, token: &str) -> bool {
    let me = site.send(Req::get("/api/v1/me").header("authorization", &format!("Bearer {token}"))).await;
    me.status == StatusCode::OK
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_password_reset_and_signing_out_everywhere_end_tokens_too() {
    for site in Site::each(CALL_OPEN).await {
        let admin = site.account("admin@ec.europa.eu", Role::Admin).await;
        let owner = site.account("nrem@bund.de", Role::Editor).await;

        let stolen = stolen_token(&site, &owner).await;
        assert!(token_works(&site, &stolen).await);
        let reset = site
            .send(
                Req::json(
                    Method::POST,
                    "/api/v1/accounts/nrem@bund.de/password",
                    &json!({ "password": "a new long passphrase" }),
                )
                .by(&admin),
            )
            .await;
        assert_eq!(reset.status, StatusCode::NO_CONTENT, "{}: {}", site.backend, reset.body);
        assert!(!token_works(&site, &stolen).await, "{}: a password reset revokes tokens", site.backend);
        assert!(!token_works(&site, &owner.token).await, "{}: every token", site.backend);

        let owner = site.account("rapporteur@bund.de", Role::Editor).await;
        let stolen = stolen_token(&site, &owner).await;
        let out = site
            .send(
                Req::form("/sign-out", &[("csrf", owner.csrf.as_str()), ("everywhere", "1"), ("confirm", "yes")])
                    .in_browser_of(&owner),
            )
            .await;
        assert_eq!(out.status, StatusCode::SEE_OTHER, "{}: {}", site.backend, out.body);
        assert!(!token_works(&site, &stolen).await, "{}: signing out everywhere revokes tokens", site.backend);
        let page =
            site.send(Req::get("/account").in_browser_of(&site.account("x@ec.europa.eu", Role::Editor).await)).await;
        assert!(
            page.body.contains("and revokes every API token"),
            "{}: the account page says what signing out everywhere ends",
            site.backend
        );
        site.finish().await;
    }
}

/// A sign-in attempt from `from` with the sign-in form's double-submit token.
fn guess(email: &str, password: &str, from: std::net::IpAddr) -> Req {
    Req::form("/sign-in", &[("csrf", "token-of-the-form"), ("email", email), ("password", password)])
        .header("cookie", "rapporteur_csrf=token-of-the-form")
        .from(from)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn parallel_guesses_are_counted_before_they_are_checked() {
    for site in Site::each(CALL_OPEN).await {
        site.account("nrem@bund.de", Role::Editor).await;
        let attacker = client(66);
        let guesses = (0..40).map(|i| guess("nrem@bund.de", &format!("guess number {i}"), attacker)).collect();
        let replies = at_once(&site.router, guesses, 40).await;
        no_server_errors("40 guesses at once", site.backend, &replies);
        let evaluated = replies.iter().filter(|r| r.status == StatusCode::UNAUTHORIZED).count();
        let refused: Vec<_> = replies.iter().filter(|r| r.status == StatusCode::TOO_MANY_REQUESTS).collect();
        assert!(
            evaluated <= 5,
            "{}: at most 5 guesses on one account from one address: {:?}",
            site.backend,
            tally(&replies)
        );
        assert_eq!(evaluated + refused.len(), 40, "{:?}", tally(&replies));
        assert!(refused.iter().all(|r| r.headers.contains_key("retry-after")), "{}: 429 says when", site.backend);

        let spray = (0..40).map(|i| guess(&format!("user{i}@bund.de"), "Summer2018!", client(77))).collect();
        let replies = at_once(&site.router, spray, 40).await;
        no_server_errors("40 guesses on 40 accounts at once", site.backend, &replies);
        let evaluated = replies.iter().filter(|r| r.status == StatusCode::UNAUTHORIZED).count();
        assert!(evaluated <= 20, "{}: at most 20 guesses from one address: {:?}", site.backend, tally(&replies));
        println!(
            "{}: 40 guesses at once on one account from one address: {} checked; on 40 accounts: {evaluated} checked",
            site.backend,
            40 - refused.len()
        );
        site.finish().await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn guesses_from_elsewhere_never_lock_the_owner_out() {
    for site in Site::each(CALL_OPEN).await {
        site.account("nrem@bund.de", Role::Editor).await;
        for n in 0..12u8 {
            let reply = site.send(guess("nrem@bund.de", "wrong password", client(100 + n))).await;
            assert!(
                [StatusCode::UNAUTHORIZED, StatusCode::TOO_MANY_REQUESTS].contains(&reply.status),
                "{}: {}",
                site.backend,
                reply.status
            );
        }
        let owner = site.send(guess("nrem@bund.de", PASSWORD, client(1))).await;
        assert_eq!(
            owner.status,
            StatusCode::SEE_OTHER,
            "{}: the owner, from their own address, still signs in: {}",
            site.backend,
            owner.body
        );
        site.finish().await;
    }
}
