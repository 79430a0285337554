import Kernel

// Ctrl-R: reverse incremental search over the history (see ComposerSearch).
// While it runs, the editor is in mode `composer_search` (when it was in
// `composer`), whose keymaps drive the search; any other key accepts the
// match and then does its usual work in `composer`.

extension Composer {
    /// Starts a search (Ctrl-R), or finds the next older match when one is
    /// already running.
    public func startSearch() {
        if searchState != nil {
            searchNext()
            return
        }
        searchState = ComposerSearch()
        if editor.mode == Self.mode {
            modeBeforeSearch = editor.mode
            try? editor.setMode(Self.searchMode)
        }
        editor.requestRedraw()
    }

    /// Extends the query and searches again from the current match.
    public func searchType(_ s: String) {
        guard var state = searchState else { return }
        state.query += s
        state.step(in: history.entries, from: state.matchIndex ?? history.entries.count - 1)
        searchState = state
        editor.requestRedraw()
    }

    /// Removes the last character of the query and searches again from the
    /// newest entry.
    public func searchBackspace() {
        guard var state = searchState else { return }
        if !state.query.isEmpty { state.query.removeLast() }
        state.step(in: history.entries, from: history.entries.count - 1)
        searchState = state
        editor.requestRedraw()
    }

    /// Finds the next older match (Ctrl-R again).
    public func searchNext() {
        guard var state = searchState else { return }
        let start = (state.matchIndex ?? history.entries.count) - 1
        if start >= 0, let i = ComposerSearch.find(state.query, in: history.entries, from: start) {
            state.matchIndex = i
            state.match = history.entries[i]
            state.failed = false
        } else {
            state.failed = true
        }
        searchState = state
        editor.requestRedraw()
    }

    /// Ends the search, putting the match (if any) into the composer as one
    /// undo step with the cursor at its end.
    public func acceptSearch() {
        guard let state = searchState else { return }
        endSearch()
        if let match = state.match {
            do {
                try setText(match)
            } catch {
                editor.notify("composer: \(error)", level: .error)
            }
        }
    }

    /// Ends the search leaving the composer as it was (Esc, Ctrl-G).
    public func cancelSearch() {
        guard searchState != nil else { return }
        endSearch()
    }

    func endSearch() {
        searchState = nil
        if let m = modeBeforeSearch, editor.mode == Self.searchMode {
            try? editor.setMode(m)
        }
        modeBeforeSearch = nil
        editor.requestRedraw()
    }
}
