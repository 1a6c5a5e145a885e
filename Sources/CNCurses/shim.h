// A thin C shim over ncursesw for Swift 6.
//
// Swift 6 cannot read curses' mutable C globals (stdscr, LINES, COLS, COLORS) and does not import
// function-like macros (COLOR_PAIR, getmaxyx, A_BOLD, the mouse masks). Each one used by SamsaTUI is
// wrapped here in a static inline function. _XOPEN_SOURCE_EXTENDED must come before curses.h so the
// wide-character API (get_wch, mvaddnwstr, wcwidth) is declared.
#ifndef SAMSA_CNCURSES_SHIM_H
#define SAMSA_CNCURSES_SHIM_H

#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif
#include <locale.h>
#include <wchar.h>
#include <langinfo.h>
#include <string.h>
#include <unistd.h>
#if __has_include(<ncursesw/curses.h>)
#include <ncursesw/curses.h>
#else
#include <curses.h>
#endif

static inline WINDOW *samsa_stdscr(void) { return stdscr; }
static inline int samsa_lines(void) { return LINES; }
static inline int samsa_cols(void) { return COLS; }
static inline int samsa_colors(void) { return COLORS; }
static inline int samsa_color_pairs(void) { return COLOR_PAIRS; }

static inline void samsa_set_locale(void) { setlocale(LC_ALL, ""); }
static inline int samsa_locale_is_utf8(void) {
    const char *codeset = nl_langinfo(CODESET);
    return codeset != NULL && strcmp(codeset, "UTF-8") == 0;
}

static inline attr_t samsa_attr_normal(void) { return A_NORMAL; }
static inline attr_t samsa_attr_bold(void) { return A_BOLD; }
static inline attr_t samsa_attr_dim(void) { return A_DIM; }
static inline attr_t samsa_attr_reverse(void) { return A_REVERSE; }
static inline attr_t samsa_attr_underline(void) { return A_UNDERLINE; }

static inline void samsa_getmaxyx(int *rows, int *cols) {
    int y, x;
    getmaxyx(stdscr, y, x);
    *rows = y;
    *cols = x;
}

/// Sets the attributes and colour pair, then writes `count` wide characters at (row, col).
static inline int samsa_put(int row, int col, const wchar_t *text, int count, attr_t attrs, short pair) {
    wattr_set(stdscr, attrs, pair, NULL);
    return mvwaddnwstr(stdscr, row, col, text, count);
}

static inline int samsa_background(short pair) { return wbkgdset(stdscr, (chtype)COLOR_PAIR(pair)), OK; }
static inline int samsa_erase(void) { return werase(stdscr); }
static inline int samsa_refresh(void) { return wrefresh(stdscr); }
static inline int samsa_keypad(int on) { return keypad(stdscr, on ? TRUE : FALSE); }
static inline void samsa_timeout(int milliseconds) { wtimeout(stdscr, milliseconds); }
static inline int samsa_get_wch(wint_t *ch) { return wget_wch(stdscr, ch); }
static inline int samsa_key_code_yes(void) { return KEY_CODE_YES; }
static inline void samsa_cursor(int visibility) { curs_set(visibility); }

/// Bracketed paste: the terminal wraps pasted text in ESC[200~ … ESC[201~, and curses returns those two
/// sequences as these key codes (past KEY_MAX, so no terminfo key takes them), which tells a paste from typing.
static inline int samsa_key_paste_begin(void) { return KEY_MAX + 1; }
static inline int samsa_key_paste_end(void) { return KEY_MAX + 2; }

/// Asks the terminal for bracketed paste (on) or gives it back (off). Turning it off only calls write(2),
/// so the crash handler may do it too.
static inline void samsa_bracketed_paste(int on) {
    if (on) {
        define_key("\033[200~", samsa_key_paste_begin());
        define_key("\033[201~", samsa_key_paste_end());
    }
    const char *mode = on ? "\033[?2004h" : "\033[?2004l";
    ssize_t written = write(STDOUT_FILENO, mode, strlen(mode));
    (void)written;
}

static inline unsigned long samsa_mouse_mask_all(void) {
    return (unsigned long)(BUTTON1_PRESSED | BUTTON1_CLICKED | BUTTON4_PRESSED | BUTTON5_PRESSED);
}
static inline void samsa_enable_mouse(int on) {
    mousemask(on ? (mmask_t)samsa_mouse_mask_all() : 0, NULL);
    mouseinterval(0);
}

/// Reads the pending mouse event: 1 for a left click, 4 for wheel up, 5 for wheel down, 0 for other, -1 on error.
static inline int samsa_read_mouse(int *row, int *col) {
    MEVENT event;
    if (getmouse(&event) != OK) return -1;
    *row = event.y;
    *col = event.x;
    if (event.bstate & (BUTTON1_PRESSED | BUTTON1_CLICKED)) return 1;
    if (event.bstate & BUTTON4_PRESSED) return 4;
#ifdef BUTTON5_PRESSED
    if (event.bstate & BUTTON5_PRESSED) return 5;
#endif
    return 0;
}

#endif
