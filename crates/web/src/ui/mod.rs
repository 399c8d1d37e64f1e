//! What pages share: the layout, forms, the message catalogues, the stylesheet, error pages, charts, and the views
//! of content that both the public pages and the editors' previews draw.

pub mod assets;
pub mod charts;
pub mod content;
pub mod form;
pub mod i18n;
pub mod layout;
pub mod map;
pub mod pages;
pub mod time;
pub mod workspace_menu;

pub use i18n::{Catalogue, Lang};
pub use layout::{page, PageMeta, Section};
