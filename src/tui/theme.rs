//! Colours, or none: with `NO_COLOR` set (or `theme = "mono"`) every distinction is made
//! with bold, underline, dim and reverse video only.

use ratatui::style::{Color, Modifier, Style};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    pub title: Style,
    pub tab: Style,
    pub tab_active: Style,
    pub selected: Style,
    pub header: Style,
    pub dim: Style,
    pub danger: Style,
    pub warning: Style,
    pub notice: Style,
    pub good: Style,
    pub key: Style,
    pub status: Style,
    pub error: Style,
    pub border: Style,
}

impl Theme {
    pub fn colored() -> Self {
        Self {
            title: Style::new().fg(Color::Black).bg(Color::Cyan).add_modifier(Modifier::BOLD),
            tab: Style::new().fg(Color::Gray),
            tab_active: Style::new().fg(Color::Yellow).add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
            selected: Style::new().bg(Color::DarkGray).add_modifier(Modifier::BOLD),
            header: Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD),
            dim: Style::new().fg(Color::DarkGray),
            danger: Style::new().fg(Color::Red).add_modifier(Modifier::BOLD),
            warning: Style::new().fg(Color::LightRed),
            notice: Style::new().fg(Color::Blue),
            good: Style::new().fg(Color::Green),
            key: Style::new().fg(Color::Yellow).add_modifier(Modifier::BOLD),
            status: Style::new().fg(Color::Green),
            error: Style::new().fg(Color::White).bg(Color::Red).add_modifier(Modifier::BOLD),
            border: Style::new().fg(Color::DarkGray),
        }
    }

    pub fn mono() -> Self {
        let plain = Style::new();
        Self {
            title: plain.add_modifier(Modifier::REVERSED | Modifier::BOLD),
            tab: plain,
            tab_active: plain.add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
            selected: plain.add_modifier(Modifier::REVERSED),
            header: plain.add_modifier(Modifier::BOLD),
            dim: plain.add_modifier(Modifier::DIM),
            danger: plain.add_modifier(Modifier::BOLD),
            warning: plain.add_modifier(Modifier::BOLD),
            notice: plain.add_modifier(Modifier::UNDERLINED),
            good: plain,
            key: plain.add_modifier(Modifier::BOLD),
            status: plain,
            error: plain.add_modifier(Modifier::REVERSED | Modifier::BOLD),
            border: plain,
        }
    }

    /// `NO_COLOR` set to anything non-empty wins (https://no-color.org).
    pub fn pick(no_color_env: Option<&str>, config_mono: bool) -> Self {
        let env_says_mono = no_color_env.is_some_and(|v| !v.is_empty());
        if env_says_mono || config_mono { Self::mono() } else { Self::colored() }
    }
}

impl Theme {
    /// The style for a goal's pace colour (red under 1 day of buffer … green).
    pub fn pace(&self, colour: crate::domain::pace::BufferColour) -> Style {
        use crate::domain::pace::BufferColour::*;
        match colour {
            Red => self.danger,
            Orange => self.warning,
            Blue => self.notice,
            Green => self.good,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_color_means_no_color_anywhere() {
        let theme = Theme::pick(Some("1"), false);
        for style in [theme.title, theme.selected, theme.danger, theme.warning, theme.good, theme.error] {
            assert_eq!(style.fg, None);
            assert_eq!(style.bg, None);
        }
        assert_eq!(Theme::pick(Some(""), false), Theme::colored());
        assert_eq!(Theme::pick(None, true), Theme::mono());
    }
}
