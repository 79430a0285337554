// Window lifecycle, focus and placement on the Editor.

extension Editor {
    /// The focused window.
    public var currentWindow: Window? { currentWindowID.flatMap { windows[$0] } }

    /// The window with this id; raw id 0 means the current window.
    public func window(_ raw: Int) throws -> Window {
        let id = raw == 0 ? (currentWindowID ?? WindowID(0)) : WindowID(raw)
        guard let w = windows[id] else { throw KernelError.notFound("invalid window id: \(raw)") }
        return w
    }

    /// The window with this name, if any.
    public func findWindow(name: String) -> Window? {
        guard !name.isEmpty else { return nil }
        return windows.values.first { $0.name == name }
    }

    /// Window ids in creation order.
    public var windowIDs: [WindowID] { windows.keys.sorted() }

    /// Opens a window on `buffer`. Emits `win_new` (and `win_enter` when it
    /// takes focus: with `spec.enter`, or when it is the first window).
    @discardableResult
    public func openWindow(buffer: BufferID, _ spec: WindowSpec) throws -> Window {
        guard buffers[buffer] != nil else { throw KernelError.notFound("invalid buffer id: \(buffer.raw)") }
        if !spec.name.isEmpty, findWindow(name: spec.name) != nil {
            throw KernelError.invalidArgument("a window named '\(spec.name)' already exists")
        }
        try spec.float?.validate()
        let id = WindowID(nextWindow)
        let win = Window(id: id, buffer: buffer, name: spec.name,
                         placement: spec.float.map { .floating($0) } ?? .tiled)
        win.renderer = spec.renderer
        win.options = spec.options
        if spec.float == nil {
            win.border = spec.border
            win.title = spec.title
            win.footer = spec.footer
            win.focusable = spec.focusable
        }
        if !spec.hidden && spec.float == nil {
            try insertTiled(id, spec)
        }
        win.hidden = spec.hidden
        nextWindow += 1
        windows[id] = win
        windowOrder[id] = nextWindow
        emit(.winNew, subject: win.name, data: .table(["win": .int(id.raw)]), buf: buffer, win: id)
        if spec.enter || currentWindowID == nil, !win.hidden, win.focusable {
            try focus(id)
        }
        layoutChanged()
        return win
    }

    /// Closes a window. The last tiled window may be closed only with `force`
    /// (the UI would otherwise be empty). Emits `win_closed`.
    public func closeWindow(_ id: WindowID, force: Bool = false) throws {
        guard let win = windows[id] else { throw KernelError.notFound("invalid window id: \(id.raw)") }
        if !force, !win.isFloating, !win.hidden, (layout?.count ?? 0) <= 1 {
            throw KernelError.invalidState("cannot close the last window")
        }
        if let tree = layout, tree.contains(id) {
            if tree.count <= 1 { layout = nil } else { try layout!.remove(id) }
        }
        windows[id] = nil
        windowOrder[id] = nil
        emit(.winClosed, subject: win.name, data: .table(["win": .int(id.raw)]), buf: win.buffer, win: id)
        if currentWindowID == id {
            currentWindowID = nil
            if let next = focusCandidates.first { try? focus(next) }
        }
        layoutChanged()
    }

    /// Makes a window current. Emits `win_leave` then `win_enter`.
    public func focus(_ id: WindowID) throws {
        guard let win = windows[id] else { throw KernelError.notFound("invalid window id: \(id.raw)") }
        guard win.focusable else { throw KernelError.invalidState("window \(id.raw) is not focusable") }
        guard !win.hidden else { throw KernelError.invalidState("window \(id.raw) is hidden") }
        guard currentWindowID != id else { return }
        if let old = currentWindow {
            emit(.winLeave, subject: old.name, data: .table(["win": .int(old.id.raw)]), buf: old.buffer, win: old.id)
        }
        currentWindowID = id
        emit(.winEnter, subject: win.name, data: .table(["win": .int(id.raw)]), buf: win.buffer, win: id)
        requestRedraw()
    }

    /// Shows or hides a window. A tiled window leaves the layout tree when
    /// hidden and comes back at the bottom of the root when shown.
    public func setHidden(_ id: WindowID, _ hidden: Bool) throws {
        let win = try window(id.raw)
        guard win.hidden != hidden else { return }
        if !win.isFloating {
            if hidden, let tree = layout, tree.contains(id) {
                if tree.count <= 1 { layout = nil } else { try layout!.remove(id) }
            } else if !hidden {
                var spec = WindowSpec()
                spec.relativeTo = layout?.windows.last
                try insertTiled(id, spec)
            }
        }
        win.hidden = hidden
        if hidden, currentWindowID == id {
            currentWindowID = nil
            if let next = focusCandidates.first { try? focus(next) }
        }
        layoutChanged()
    }

    /// Changes a window's placement (tiled <-> floating, or a new float config).
    public func setPlacement(_ id: WindowID, float: FloatConfig?, split: WindowSpec? = nil) throws {
        let win = try window(id.raw)
        try float?.validate()
        switch (win.placement, float) {
        case (.tiled, let f?):
            if let tree = layout, tree.contains(id) {
                if tree.count <= 1 { layout = nil } else { try layout!.remove(id) }
            }
            win.placement = .floating(f)
        case (.floating, let f?):
            win.placement = .floating(f)
        case (.floating, nil):
            win.placement = .tiled
            if !win.hidden { try insertTiled(id, split ?? WindowSpec()) }
        case (.tiled, nil):
            if let s = split, let size = s.size, layout?.contains(id) == true {
                try layout!.resize(id, size: size)
            }
        }
        if let f = float {
            win.border = f.border
            win.title = f.title
            win.titlePos = f.titlePos
            win.footer = f.footer
            win.footerPos = f.footerPos
            win.focusable = f.focusable
        }
        layoutChanged()
    }

    /// Replaces the split tree atomically. Windows the tree leaves out are
    /// hidden (not closed); windows it names are shown. On error the old
    /// layout stays.
    public func setLayout(_ spec: LayoutSpec) throws {
        let tiled = Set(windows.values.filter { !$0.isFloating }.map(\.id))
        let tree = try LayoutTree.validated(spec, known: tiled)
        let shown = Set(tree.windows)
        layout = tree
        for w in windows.values where !w.isFloating {
            w.hidden = !shown.contains(w.id)
        }
        if let cur = currentWindow, cur.hidden {
            currentWindowID = nil
            if let next = focusCandidates.first { try? focus(next) }
        }
        layoutChanged()
    }

    /// Visible, focusable windows: tiled in layout order, then floats.
    public var focusCandidates: [WindowID] {
        let tiled = layout?.windows ?? []
        let floats = floatsByZ.map(\.id)
        return (tiled + floats).filter { windows[$0].map { $0.focusable && !$0.hidden } ?? false }
    }

    /// Visible floats, lowest zindex first (ties by creation order).
    public var floatsByZ: [Window] {
        windows.values.filter { $0.isFloating && !$0.hidden }.sorted {
            let za = $0.floatConfig?.zindex ?? 0, zb = $1.floatConfig?.zindex ?? 0
            return za != zb ? za < zb : (windowOrder[$0.id] ?? 0) < (windowOrder[$1.id] ?? 0)
        }
    }

    func insertTiled(_ id: WindowID, _ spec: WindowSpec) throws {
        guard var tree = layout else {
            layout = LayoutTree(root: id)
            return
        }
        let target = spec.relativeTo.flatMap { tree.contains($0) ? $0 : nil }
            ?? currentWindowID.flatMap { tree.contains($0) ? $0 : nil }
            ?? tree.windows.last!
        try tree.split(target, new: id, direction: spec.split, size: spec.size)
        layout = tree
    }

    func layoutChanged() {
        emit(.layoutChanged)
        requestRedraw()
    }
}

extension Editor {
    /// Resizes a tiled window along its container's axis (cells or weight).
    public func resizeWindow(_ id: WindowID, size: SizeSpec) throws {
        guard var tree = layout, tree.contains(id) else {
            throw KernelError.notFound("window \(id.raw) is not in the layout")
        }
        guard tree.size(of: id) != size else { return }
        try tree.resize(id, size: size)
        layout = tree
        layoutChanged()
    }
}
