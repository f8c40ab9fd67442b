-- End-to-end test of the factline language server in Neovim 0.11, headless.
-- Run through nvim_e2e.sh (it copies the fixtures and sets the environment):
--   FACTLINE_BIN=target/release/factline editors/tests/nvim_e2e.sh
-- Results go to stdout; the exit code is 0 when every check passed.

-----------------------------------------------------------------------------
-- What the checks expect. Adjust here when the server's wording changes.
-- All "pattern" fields are Lua patterns (escape - . ( ) % with %).
-----------------------------------------------------------------------------
local EXPECT = {
  timeout_ms = tonumber(vim.env.FACTLINE_E2E_TIMEOUT_MS) or 20000,
  file = 'harbor-ledger-footbridge.txt', -- opened on the command line
  -- A diagnostic must appear on the line that starts with this text, with
  -- this code, and a message matching this pattern.
  diag_line = '^Related videos:',
  diag_code = 'boilerplate',
  diag_message = 'Related videos',
  -- At least this many diagnostics in the file once analysed.
  min_diagnostics = 3,
  -- Hover with the cursor on the start of `diag_line`: markdown must match.
  hover_pattern = '[Bb]oilerplate',
  -- Definition at the first match of `find` (cursor on `at`, 0-based byte
  -- offset inside the match); a target URI must match one of these.
  definition = {
    find = 'injuring 12',
    at = #'injuring ',
    targets = { 'valley%-courier%-lantern%-festival%.txt$', 'coastwire%-brief%.txt$' },
  },
  -- Turning this rule off at run time (workspace/didChangeConfiguration)
  -- must remove the diagnostic on `diag_line` (nil: skip the check).
  rule_to_disable = 'boilerplate',
  -- After deleting the `diag_line` line its diagnostic (the one matching
  -- `diag_message`) must go, and a newly typed boilerplate line must get a
  -- diagnostic.
  inserted_line = 'Also Read: Harbour cleanup volunteers wanted',
  -- A draft (the `drafts` globs of factline.toml): once verified, its
  -- unsourced claim gets this diagnostic; the claims outline
  -- (textDocument/documentSymbol) must list symbols whose names match each
  -- of `outline`; a hover on the line starting with `claim_line` must match
  -- `claim_hover`.
  draft = 'drafts/desk-draft.txt',
  unsourced_code = 'unsourced-claim',
  outline = { '^corroborated · ', '^unsourced · A regional tourism survey' },
  claim_line = '^Priya Lonsdale',
  claim_hover = '%*%*Claim%*%* %(corroborated%): reported by [1-9]',
}

-----------------------------------------------------------------------------
local out = io.stdout
local failures, passes = 0, 0
local function report(ok, name, detail)
  if ok then passes = passes + 1 else failures = failures + 1 end
  out:write(string.format('%s %s%s\n', ok and 'ok  ' or 'FAIL', name, detail and (': ' .. detail) or ''))
  out:flush()
end
local function finish()
  out:write(string.format('nvim-e2e: %d passed, %d failed\n', passes, failures))
  out:flush()
  vim.cmd((failures == 0 and passes > 0) and 'qall!' or 'cquit! 1')
end
local function short(v)
  local s = (type(v) == 'string' and v or vim.inspect(v)):gsub('%s*\n%s*', ' ⏎ ')
  return (#s > 300) and (s:sub(1, 300) .. '…') or s
end

-- The server command: $FACTLINE_BIN, else `factline` from PATH.
local editors = vim.env.FACTLINE_EDITORS_DIR
vim.opt.runtimepath:prepend(editors .. '/nvim')
vim.opt.swapfile = false
vim.opt.shadafile = 'NONE'
local bin = vim.env.FACTLINE_BIN or 'factline'
vim.lsp.config('factline', {
  cmd = { bin, 'lsp' },
  settings = { factline = { rules = vim.empty_dict(), exclude = { 'ignored/**' } } },
})
vim.lsp.enable('factline')

local function client_for(buf)
  return vim.lsp.get_clients({ bufnr = buf, name = 'factline' })[1]
end

local function factline_diags(buf)
  local d = vim.diagnostic.get(buf)
  return vim.tbl_filter(function(x) return x.source == nil or x.source == 'factline' end, d)
end

local function find_line(buf, pattern)
  for i, l in ipairs(vim.api.nvim_buf_get_lines(buf, 0, -1, false)) do
    if l:find(pattern) then return i - 1, l end
  end
end

local function hover_text(result)
  if not result or not result.contents then return '' end
  local c = result.contents
  if type(c) == 'string' then return c end
  if c.value then return c.value end
  local parts = {}
  for _, x in ipairs(c) do parts[#parts + 1] = type(x) == 'string' and x or x.value end
  return table.concat(parts, '\n')
end

local function run()
  local buf = vim.api.nvim_get_current_buf()
  local name = vim.api.nvim_buf_get_name(buf)
  report(name:sub(-#EXPECT.file) == EXPECT.file and vim.bo[buf].filetype == 'text',
    'opened fixture with filetype text', name .. ' ft=' .. vim.bo[buf].filetype)

  -- 1. the client starts and initializes
  local client
  local ok = vim.wait(EXPECT.timeout_ms, function()
    client = client_for(buf)
    return client ~= nil and client.initialized == true
  end, 50)
  report(ok, 'server started and attached', ok and (client.name .. ' root=' .. tostring(client.root_dir)) or ('cmd=' .. bin))
  if not ok then return finish() end
  report(vim.fs.basename(client.root_dir or '') == vim.fs.basename(vim.fs.dirname(name)),
    'root_dir is the fixture folder (factline.toml)', tostring(client.root_dir))

  -- 2. diagnostics arrive
  local diags
  ok = vim.wait(EXPECT.timeout_ms, function()
    diags = factline_diags(buf)
    return #diags >= EXPECT.min_diagnostics
  end, 50)
  report(ok, 'diagnostics published', string.format('%d (want >= %d)', #(diags or {}), EXPECT.min_diagnostics))
  local lnum, text = find_line(buf, EXPECT.diag_line)
  local on_line
  for _, d in ipairs(diags or {}) do
    if d.lnum == lnum then on_line = d end
  end
  report(on_line ~= nil and on_line.message:find(EXPECT.diag_message) ~= nil and on_line.code == EXPECT.diag_code,
    'diagnostic on ' .. EXPECT.diag_line,
    on_line and ('[' .. tostring(on_line.code) .. '] ' .. short(on_line.message)) or ('none on line ' .. tostring(lnum)))
  for _, d in ipairs(diags or {}) do
    out:write(string.format('     diag %d:%d [%s] %s\n', d.lnum + 1, d.col + 1, tostring(d.code), short(d.message)))
  end

  -- 3. hover on that line
  vim.api.nvim_win_set_cursor(0, { lnum + 1, 0 })
  local params = vim.lsp.util.make_position_params(0, client.offset_encoding)
  local resp = client:request_sync('textDocument/hover', params, EXPECT.timeout_ms, buf)
  local htext = resp and hover_text(resp.result) or ''
  report(htext:find(EXPECT.hover_pattern) ~= nil, 'hover', short(resp and (resp.err or htext) or 'timeout'))
  -- ... and what the user sees: vim.lsp.buf.hover() opens a floating window.
  vim.lsp.buf.hover()
  local float_text
  ok = vim.wait(EXPECT.timeout_ms, function()
    for _, w in ipairs(vim.api.nvim_list_wins()) do
      if vim.api.nvim_win_get_config(w).relative ~= '' then
        float_text = table.concat(vim.api.nvim_buf_get_lines(vim.api.nvim_win_get_buf(w), 0, -1, false), '\n')
        return float_text:find(EXPECT.hover_pattern) ~= nil
      end
    end
    return false
  end, 50)
  report(ok, 'hover float (vim.lsp.buf.hover)', short(float_text or 'no floating window'))
  for _, w in ipairs(vim.api.nvim_list_wins()) do
    if vim.api.nvim_win_get_config(w).relative ~= '' then vim.api.nvim_win_close(w, true) end
  end

  -- 4. definition
  local dl, dline = find_line(buf, vim.pesc(EXPECT.definition.find))
  if dl then
    local col = dline:find(vim.pesc(EXPECT.definition.find)) - 1 + EXPECT.definition.at
    vim.api.nvim_win_set_cursor(0, { dl + 1, col })
    params = vim.lsp.util.make_position_params(0, client.offset_encoding)
    resp = client:request_sync('textDocument/definition', params, EXPECT.timeout_ms, buf)
    local res = resp and resp.result
    if res and (res.uri or res.targetUri) then res = { res } end
    local hit
    for _, loc in ipairs(res or {}) do
      local uri = loc.uri or loc.targetUri
      for _, pat in ipairs(EXPECT.definition.targets) do
        if uri:find(pat) then hit = hit or (uri .. ':' .. ((loc.range or loc.targetSelectionRange).start.line + 1)) end
      end
    end
    report(hit ~= nil, 'definition', hit or short(resp and (resp.err or res) or 'timeout'))
    -- ... and what the user sees: vim.lsp.buf.definition() jumps there.
    vim.lsp.buf.definition()
    local jumped
    ok = vim.wait(EXPECT.timeout_ms, function()
      local cur = vim.api.nvim_buf_get_name(0)
      for _, pat in ipairs(EXPECT.definition.targets) do
        if cur:find(pat) then
          jumped = cur .. ':' .. vim.api.nvim_win_get_cursor(0)[1]
          return true
        end
      end
      return false
    end, 50)
    report(ok, 'jump to definition (vim.lsp.buf.definition)', jumped or vim.api.nvim_buf_get_name(0))
    vim.api.nvim_set_current_buf(buf)
  else
    report(false, 'definition', 'fixture has no ' .. EXPECT.definition.find)
  end

  -- 5. settings changes reach the server
  if EXPECT.rule_to_disable then
    local function has_diag_on(l)
      for _, d in ipairs(factline_diags(buf)) do
        if d.lnum == l then return true end
      end
      return false
    end
    client.settings.factline.rules[EXPECT.rule_to_disable] = { enabled = false }
    client:notify('workspace/didChangeConfiguration', { settings = client.settings })
    ok = vim.wait(EXPECT.timeout_ms, function() return not has_diag_on(lnum) end, 50)
    report(ok, 'settings change reaches the server', 'rule ' .. EXPECT.rule_to_disable .. ' off')
    client.settings.factline.rules[EXPECT.rule_to_disable] = nil
    client:notify('workspace/didChangeConfiguration', { settings = client.settings })
    ok = vim.wait(EXPECT.timeout_ms, function() return has_diag_on(lnum) end, 50)
    report(ok, 'settings change back', 'rule ' .. EXPECT.rule_to_disable .. ' on')
  end

  -- 6. edits: diagnostics follow the text
  local function matching()
    local n = 0
    for _, d in ipairs(factline_diags(buf)) do
      if d.message:find(EXPECT.diag_message) then n = n + 1 end
    end
    return n
  end
  local before, before_matching = #factline_diags(buf), matching()
  vim.api.nvim_buf_set_lines(buf, lnum, lnum + 1, false, {})
  ok = before_matching > 0 and vim.wait(EXPECT.timeout_ms, function() return matching() == 0 end, 50)
  report(ok, 'diagnostic gone after deleting its line',
    string.format('%d diagnostics -> %d; matching %q: %d -> %d', before, #factline_diags(buf), EXPECT.diag_message, before_matching, matching()))

  local ins = 3 -- 0-based: after the byline block
  vim.api.nvim_buf_set_lines(buf, ins, ins, false, { EXPECT.inserted_line })
  ok = vim.wait(EXPECT.timeout_ms, function()
    for _, d in ipairs(factline_diags(buf)) do
      if d.lnum == ins then return true end
    end
    return false
  end, 50)
  report(ok, 'diagnostic appears on a newly typed line', 'line ' .. (ins + 1))

  -- 7. other lines' diagnostics moved with the text
  local l2 = find_line(buf, '^Leave a Reply')
  local moved = false
  for _, d in ipairs(factline_diags(buf)) do
    if l2 and d.lnum == l2 then moved = true end
  end
  report(l2 == nil or moved, 'diagnostics below the edit follow their lines', l2 and ('line ' .. (l2 + 1)) or 'no such line')

  -- 8. a draft: its claims outline and a claim's hover
  vim.cmd('edit ' .. vim.fn.fnameescape(EXPECT.draft))
  local dbuf = vim.api.nvim_get_current_buf()
  local dclient
  ok = vim.wait(EXPECT.timeout_ms, function()
    dclient = client_for(dbuf)
    return dclient ~= nil
  end, 50)
  report(ok, 'draft attached to the server', EXPECT.draft)
  if not ok then return finish() end
  -- The draft is verified after its other diagnostics: wait for that.
  local unsourced
  ok = vim.wait(EXPECT.timeout_ms, function()
    for _, d in ipairs(factline_diags(dbuf)) do
      if d.code == EXPECT.unsourced_code then unsourced = d return true end
    end
    return false
  end, 50)
  report(ok, 'draft verified (' .. EXPECT.unsourced_code .. ')',
    unsourced and string.format('line %d: %s', unsourced.lnum + 1, short(unsourced.message)) or 'none')
  local dparams = { textDocument = vim.lsp.util.make_text_document_params(dbuf) }
  resp = dclient:request_sync('textDocument/documentSymbol', dparams, EXPECT.timeout_ms, dbuf)
  local symbols = resp and resp.result or {}
  local names = {}
  for _, sym in ipairs(symbols) do names[#names + 1] = sym.name end
  for _, pat in ipairs(EXPECT.outline) do
    local hit
    for _, n in ipairs(names) do
      if n:find(pat) then hit = n break end
    end
    report(hit ~= nil, 'claims outline has /' .. pat .. '/', short(hit or names))
  end
  -- ... and what the user sees: vim.lsp.buf.document_symbol() fills the
  -- location list.
  vim.lsp.buf.document_symbol()
  local listed
  ok = vim.wait(EXPECT.timeout_ms, function()
    local items = vim.fn.getloclist(0)
    for _, it in ipairs(items) do
      if it.text:find('unsourced') then listed = it.text return true end
    end
    return false
  end, 50)
  report(ok, 'outline in the location list (vim.lsp.buf.document_symbol)', short(listed or 'empty'))
  vim.cmd('lclose')
  local cl = find_line(dbuf, EXPECT.claim_line)
  if cl then
    vim.api.nvim_set_current_buf(dbuf)
    vim.api.nvim_win_set_cursor(0, { cl + 1, 2 })
    params = vim.lsp.util.make_position_params(0, dclient.offset_encoding)
    resp = dclient:request_sync('textDocument/hover', params, EXPECT.timeout_ms, dbuf)
    htext = resp and hover_text(resp.result) or ''
    report(htext:find(EXPECT.claim_hover) ~= nil, 'claim hover', short(resp and (resp.err or htext) or 'timeout'))
  else
    report(false, 'claim hover', 'draft has no line ' .. EXPECT.claim_line)
  end

  finish()
end

vim.api.nvim_create_autocmd('VimEnter', {
  once = true,
  callback = function()
    -- Leave the VimEnter handler first so that the LSP event loop runs.
    vim.schedule(function()
      local ok, err = xpcall(run, debug.traceback)
      if not ok then
        report(false, 'driver error', err)
        finish()
      end
    end)
  end,
})

-- Hard stop, whatever happens.
vim.defer_fn(function()
  report(false, 'global timeout')
  finish()
end, EXPECT.timeout_ms * 6)
