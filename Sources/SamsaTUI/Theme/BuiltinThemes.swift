/// The shipped themes compiled in, so the binary works without the themes/ directory.
/// Generated from themes/*.theme; a test keeps the two identical.
enum BuiltinThemes {
    static let names = ["default", "light", "high-contrast", "monochrome"]

    static func text(named name: String) -> String? {
        switch name {
        case "default": dark
        case "light": light
        case "high-contrast": highContrast
        case "monochrome": monochrome
        default: nil
        }
    }

    static let dark = """
        # Samsa default: a dark theme.
        # Format (as btop): theme[key]="#RRGGBB". Lines starting with # are comments;
        # keys left out take the compiled-in default.

        # background of the whole screen
        theme[main_bg]="#1b1d23"
        # ordinary text
        theme[main_fg]="#d8dee9"
        # pane titles
        theme[title]="#88c0d0"
        # pane borders
        theme[border]="#4c566a"
        # border and title of the focused pane
        theme[border_focus]="#ebcb8b"
        # background of the selected row
        theme[selected_bg]="#2f3e55"
        # text of the selected row
        theme[selected_fg]="#eceff4"
        # secondary text: column headers, timestamps, idle members
        theme[inactive_fg]="#7b8394"
        # background of the cluster header and footer
        theme[header_bg]="#262a33"
        # text of the cluster header and footer
        theme[header_fg]="#d8dee9"
        # footer descriptions and guidance
        theme[hint]="#8f9bb3"
        # key names in the footer and help
        theme[key_hint]="#ebcb8b"
        # partition leaders
        theme[leader]="#a3be8c"
        # in-sync followers
        theme[follower]="#81a1c1"
        # replicas out of the in-sync set, under-replicated partitions
        theme[out_of_sync]="#d08770"
        # offline replicas, partitions without a leader
        theme[offline]="#bf616a"
        # the controller broker
        theme[controller]="#b48ead"
        # brokers that are up
        theme[broker_up]="#a3be8c"
        # brokers that are stopped, crashed or isolated
        theme[broker_down]="#bf616a"
        # small consumer lag
        theme[lag_low]="#a3be8c"
        # large consumer lag
        theme[lag_high]="#d08770"
        # filled part of offset bars
        theme[bar_fill]="#5e81ac"
        # empty part of offset bars
        theme[bar_empty]="#3b4252"
        # sparklines
        theme[chart]="#88c0d0"
        # errors
        theme[error]="#e06c75"
        # successful actions
        theme[success]="#a3be8c"
        # warnings and confirmations
        theme[warning]="#ebcb8b"
        # background of menus, forms and help
        theme[overlay_bg]="#262a33"
        # the filter prompt
        theme[filter_match]="#ebcb8b"
        # JSON object keys in the record browser
        theme[json_key]="#88c0d0"
        # JSON strings in the record browser
        theme[json_string]="#a3be8c"
        # JSON numbers in the record browser
        theme[json_number]="#b48ead"
        # JSON true, false and null in the record browser
        theme[json_literal]="#d08770"
        # JSON braces, brackets, commas and colons in the record browser
        theme[json_punctuation]="#7b8394"

        """

    static let light = """
        # Samsa light: dark text on a light background.
        # Format (as btop): theme[key]="#RRGGBB". Lines starting with # are comments;
        # keys left out take the compiled-in default.

        # background of the whole screen
        theme[main_bg]="#fafafa"
        # ordinary text
        theme[main_fg]="#24292f"
        # pane titles
        theme[title]="#0550ae"
        # pane borders
        theme[border]="#afb8c1"
        # border and title of the focused pane
        theme[border_focus]="#bf8700"
        # background of the selected row
        theme[selected_bg]="#ddf4ff"
        # text of the selected row
        theme[selected_fg]="#0a3069"
        # secondary text: column headers, timestamps, idle members
        theme[inactive_fg]="#6e7781"
        # background of the cluster header and footer
        theme[header_bg]="#eaeef2"
        # text of the cluster header and footer
        theme[header_fg]="#24292f"
        # footer descriptions and guidance
        theme[hint]="#57606a"
        # key names in the footer and help
        theme[key_hint]="#8250df"
        # partition leaders
        theme[leader]="#1a7f37"
        # in-sync followers
        theme[follower]="#0969da"
        # replicas out of the in-sync set, under-replicated partitions
        theme[out_of_sync]="#bc4c00"
        # offline replicas, partitions without a leader
        theme[offline]="#cf222e"
        # the controller broker
        theme[controller]="#8250df"
        # brokers that are up
        theme[broker_up]="#1a7f37"
        # brokers that are stopped, crashed or isolated
        theme[broker_down]="#cf222e"
        # small consumer lag
        theme[lag_low]="#1a7f37"
        # large consumer lag
        theme[lag_high]="#bc4c00"
        # filled part of offset bars
        theme[bar_fill]="#54aeff"
        # empty part of offset bars
        theme[bar_empty]="#d0d7de"
        # sparklines
        theme[chart]="#0969da"
        # errors
        theme[error]="#cf222e"
        # successful actions
        theme[success]="#1a7f37"
        # warnings and confirmations
        theme[warning]="#9a6700"
        # background of menus, forms and help
        theme[overlay_bg]="#f0f3f6"
        # the filter prompt
        theme[filter_match]="#8250df"
        # JSON object keys in the record browser
        theme[json_key]="#0550ae"
        # JSON strings in the record browser
        theme[json_string]="#1a7f37"
        # JSON numbers in the record browser
        theme[json_number]="#8250df"
        # JSON true, false and null in the record browser
        theme[json_literal]="#bc4c00"
        # JSON braces, brackets, commas and colons in the record browser
        theme[json_punctuation]="#6e7781"

        """

    static let highContrast = """
        # Samsa high contrast: pure colours on black, for low vision and bright rooms.
        # Format (as btop): theme[key]="#RRGGBB". Lines starting with # are comments;
        # keys left out take the compiled-in default.

        # background of the whole screen
        theme[main_bg]="#000000"
        # ordinary text
        theme[main_fg]="#ffffff"
        # pane titles
        theme[title]="#00ffff"
        # pane borders
        theme[border]="#ffffff"
        # border and title of the focused pane
        theme[border_focus]="#ffff00"
        # background of the selected row
        theme[selected_bg]="#ffff00"
        # text of the selected row
        theme[selected_fg]="#000000"
        # secondary text: column headers, timestamps, idle members
        theme[inactive_fg]="#c0c0c0"
        # background of the cluster header and footer
        theme[header_bg]="#000080"
        # text of the cluster header and footer
        theme[header_fg]="#ffffff"
        # footer descriptions and guidance
        theme[hint]="#ffffff"
        # key names in the footer and help
        theme[key_hint]="#ffff00"
        # partition leaders
        theme[leader]="#00ff00"
        # in-sync followers
        theme[follower]="#00ffff"
        # replicas out of the in-sync set, under-replicated partitions
        theme[out_of_sync]="#ffaf00"
        # offline replicas, partitions without a leader
        theme[offline]="#ff5f5f"
        # the controller broker
        theme[controller]="#ff00ff"
        # brokers that are up
        theme[broker_up]="#00ff00"
        # brokers that are stopped, crashed or isolated
        theme[broker_down]="#ff5f5f"
        # small consumer lag
        theme[lag_low]="#00ff00"
        # large consumer lag
        theme[lag_high]="#ff8700"
        # filled part of offset bars
        theme[bar_fill]="#00ffff"
        # empty part of offset bars
        theme[bar_empty]="#808080"
        # sparklines
        theme[chart]="#ffff00"
        # errors
        theme[error]="#ff5f5f"
        # successful actions
        theme[success]="#00ff00"
        # warnings and confirmations
        theme[warning]="#ffff00"
        # background of menus, forms and help
        theme[overlay_bg]="#000000"
        # the filter prompt
        theme[filter_match]="#ffff00"
        # JSON object keys in the record browser
        theme[json_key]="#00ffff"
        # JSON strings in the record browser
        theme[json_string]="#00ff00"
        # JSON numbers in the record browser
        theme[json_number]="#ff00ff"
        # JSON true, false and null in the record browser
        theme[json_literal]="#ffff00"
        # JSON braces, brackets, commas and colons in the record browser
        theme[json_punctuation]="#c0c0c0"

        """

    static let monochrome = """
        # Samsa monochrome: greys only; marks and bold carry the meaning.
        # Format (as btop): theme[key]="#RRGGBB". Lines starting with # are comments;
        # keys left out take the compiled-in default.

        # background of the whole screen
        theme[main_bg]="#000000"
        # ordinary text
        theme[main_fg]="#d0d0d0"
        # pane titles
        theme[title]="#ffffff"
        # pane borders
        theme[border]="#808080"
        # border and title of the focused pane
        theme[border_focus]="#ffffff"
        # background of the selected row
        theme[selected_bg]="#d0d0d0"
        # text of the selected row
        theme[selected_fg]="#000000"
        # secondary text: column headers, timestamps, idle members
        theme[inactive_fg]="#8a8a8a"
        # background of the cluster header and footer
        theme[header_bg]="#303030"
        # text of the cluster header and footer
        theme[header_fg]="#ffffff"
        # footer descriptions and guidance
        theme[hint]="#a8a8a8"
        # key names in the footer and help
        theme[key_hint]="#ffffff"
        # partition leaders
        theme[leader]="#ffffff"
        # in-sync followers
        theme[follower]="#c6c6c6"
        # replicas out of the in-sync set, under-replicated partitions
        theme[out_of_sync]="#9e9e9e"
        # offline replicas, partitions without a leader
        theme[offline]="#6c6c6c"
        # the controller broker
        theme[controller]="#ffffff"
        # brokers that are up
        theme[broker_up]="#e4e4e4"
        # brokers that are stopped, crashed or isolated
        theme[broker_down]="#767676"
        # small consumer lag
        theme[lag_low]="#c6c6c6"
        # large consumer lag
        theme[lag_high]="#ffffff"
        # filled part of offset bars
        theme[bar_fill]="#c6c6c6"
        # empty part of offset bars
        theme[bar_empty]="#444444"
        # sparklines
        theme[chart]="#e4e4e4"
        # errors
        theme[error]="#ffffff"
        # successful actions
        theme[success]="#d0d0d0"
        # warnings and confirmations
        theme[warning]="#ffffff"
        # background of menus, forms and help
        theme[overlay_bg]="#1c1c1c"
        # the filter prompt
        theme[filter_match]="#ffffff"
        # JSON object keys in the record browser
        theme[json_key]="#ffffff"
        # JSON strings in the record browser
        theme[json_string]="#d0d0d0"
        # JSON numbers in the record browser
        theme[json_number]="#c6c6c6"
        # JSON true, false and null in the record browser
        theme[json_literal]="#ffffff"
        # JSON braces, brackets, commas and colons in the record browser
        theme[json_punctuation]="#8a8a8a"

        """
}
