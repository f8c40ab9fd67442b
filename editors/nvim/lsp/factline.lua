-- factline language server for Neovim 0.11+ (vim.lsp.config / vim.lsp.enable).
--
-- Put this directory's parent (editors/nvim) on 'runtimepath', or copy this
-- file to ~/.config/nvim/lsp/factline.lua, then:
--
--   vim.lsp.enable('factline')
--
-- Override any field with vim.lsp.config('factline', { ... }), e.g.
--
--   vim.lsp.config('factline', {
--     cmd = { '/path/to/factline', 'lsp' },
--     settings = { factline = { rules = { ['rule-code'] = { severity = 'hint' } } } },
--   })
--
-- The `settings.factline` table uses the same keys as factline.toml and the
-- VS Code extension's `factline.*` settings:
--   rules          table: rule code -> { enabled = bool, severity = 'error'|'warning'|'information'|'hint' }
--   exclude        list of glob patterns the server does not index
--   drafts         list of glob patterns of drafts (verified against the sources)
--   max_file_bytes files larger than this are skipped (nil: server default)
--   inlay_hints    bool: show inlay hints (nil: server default)
--   workspace_diagnostics 'all'|'open': with a client that pulls diagnostics
--                  (LSP 3.17), the findings of every source or of open files only
--   boilerplate    { extra_patterns = { regex, ... }, allow = { regex, ... } }:
--                  lines that are page furniture wherever they are, and lines never flagged
--   languages      list of language codes ('en', 'es') of the documents to check
--   index          { enabled = bool, path = 'folder', lazy_above = n }: the on-disk
--                  index of the sources' analyses (default: enabled, '.factline' at
--                  the root; past lazy_above sources, 20000, the server reads it lazily)
--   store          'postgres://user@host/database': the desk-wide index, used beside
--                  the workspace (default: none)
-- A key left out keeps factline.toml's value (or the server's default).
-- The server gets { factline = {...} } as initializationOptions and in the
-- workspace/didChangeConfiguration that Neovim sends after start, and
-- `factline`'s table as the answer to workspace/configuration for section
-- "factline": the same shapes as from the VS Code extension and Helix.
-- To change settings while the server runs:
--   local c = vim.lsp.get_clients({ name = 'factline' })[1]
--   c.settings.factline.rules['rule-code'] = { enabled = false }
--   c:notify('workspace/didChangeConfiguration', { settings = c.settings })
---@type vim.lsp.Config
return {
  cmd = { 'factline', 'lsp' },
  filetypes = { 'text' },
  -- The workspace: the nearest folder with factline.toml or .git, else the
  -- file's own folder, so a plain folder of sources still has its other
  -- files compared with the one open (without a root Neovim would send
  -- none, and only the open file would be analysed).
  root_dir = function(bufnr, on_dir)
    local root = vim.fs.root(bufnr, { 'factline.toml', '.git' })
    if root == nil then
      local name = vim.api.nvim_buf_get_name(bufnr)
      root = name ~= '' and vim.fs.dirname(name) or vim.fn.getcwd()
    end
    on_dir(root)
  end,
  -- Neovim would send the filetype, "text"; VS Code and Helix send "plaintext".
  get_language_id = function()
    return 'plaintext'
  end,
  settings = {
    -- Only what you set: each key here overrides factline.toml's.
    factline = {
      rules = vim.empty_dict(),
    },
  },
  commands = {
    -- The code lens "3 related passages in 2 sources" (run it with
    -- vim.lsp.codelens.run()): its passages go to the quickfix list.
    -- Arguments: the document URI, the lens position, the locations.
    ['factline.showRelatedPassages'] = function(command, ctx)
      local locations = (command.arguments or {})[3] or {}
      local client = vim.lsp.get_client_by_id(ctx.client_id)
      local encoding = client and client.offset_encoding or 'utf-16'
      vim.fn.setqflist({}, ' ', {
        title = command.title,
        items = vim.lsp.util.locations_to_items(locations, encoding),
      })
      vim.cmd('copen')
    end,
  },
  before_init = function(params, config)
    -- initializationOptions carry the settings the server would otherwise
    -- only get after `initialized`.
    local s = config.settings and config.settings.factline
    if s ~= nil and params.initializationOptions == nil then
      params.initializationOptions = { factline = s }
    end
  end,
}
