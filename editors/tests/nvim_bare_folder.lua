-- End-to-end check in a bare folder: no factline.toml, no .git anywhere
-- above. The shipped configuration (editors/nvim/lsp/factline.lua) must
-- take the file's folder as the workspace, so the draft's figure is
-- compared with the other sources in the folder (`inconsistent-figure`).
-- Run through nvim_e2e.sh, which copies fixtures/bare to a temporary folder
-- and opens draft.txt there.
local timeout_ms = tonumber(vim.env.FACTLINE_E2E_TIMEOUT_MS) or 20000
local out = io.stdout
local failures, passes = 0, 0
local function report(ok, name, detail)
  if ok then passes = passes + 1 else failures = failures + 1 end
  out:write(string.format('%s %s%s\n', ok and 'ok  ' or 'FAIL', name, detail and (': ' .. detail) or ''))
  out:flush()
end

vim.opt.runtimepath:prepend(vim.env.FACTLINE_EDITORS_DIR .. '/nvim')
vim.opt.swapfile = false
vim.opt.shadafile = 'NONE'
vim.lsp.config('factline', { cmd = { vim.env.FACTLINE_BIN or 'factline', 'lsp' } })
vim.lsp.enable('factline')

vim.api.nvim_create_autocmd('VimEnter', {
  once = true,
  callback = function()
    local buf = vim.api.nvim_get_current_buf()
    local folder = vim.fs.dirname(vim.api.nvim_buf_get_name(buf))
    local client
    vim.wait(timeout_ms, function()
      client = vim.lsp.get_clients({ bufnr = buf, name = 'factline' })[1]
      return client ~= nil and client.initialized
    end, 50)
    report(client ~= nil, 'factline attached in a bare folder')
    if client then
      report(client.root_dir == folder, 'workspace is the file\'s folder',
        tostring(client.root_dir) .. ' (folder ' .. folder .. ')')
    end
    local found
    vim.wait(timeout_ms, function()
      for _, d in ipairs(vim.diagnostic.get(buf)) do
        if d.code == 'inconsistent-figure' then found = d return true end
      end
      return false
    end, 50)
    report(found ~= nil and found.message:find('17 in', 1, true) ~= nil,
      'cross-document inconsistent-figure', found and found.message or vim.inspect(vim.diagnostic.get(buf)))
    out:write(string.format('nvim-bare-folder: %d passed, %d failed\n', passes, failures))
    out:flush()
    vim.cmd((failures == 0 and passes > 0) and 'qall!' or 'cquit! 1')
  end,
})
