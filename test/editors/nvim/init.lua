-- Headless Neovim as a real LSP client of sysctl-language-server (driven by test/editors/neovim.test.ts).
--
--   SYSCTL_SERVER=$PWD/server/out/server.js nvim --headless --noplugin -n -i NONE -u test/editors/nvim/init.lua FILE
--
-- Works with Debian 12's Neovim 0.7.2 (no vim.lsp.start there: start_client + buf_attach_client) and later.
-- It does what a user does, through Neovim's own LSP code: opens FILE, waits for diagnostics, runs
-- vim.lsp.buf.hover() and reads the floating window, runs vim.lsp.buf.code_action() on the
-- nf_conntrack_max line, picks the sizing fix in vim.ui.select, lets Neovim apply the WorkspaceEdit
-- and writes the buffer with :write. The test asserts on the results and on the written file.
--
-- stdout: one JSON object (the last line). Exit status via :cquit: 0 = every step completed,
-- 1 = a step did not complete (its error is in the JSON), 2 = Lua error (traceback in "lua_error").
--
-- Env: SYSCTL_SERVER (server.js); SYSCTL_SETTINGS_VIA: how RAM and architecture reach the server,
-- 'settings' (default), 'initializationOptions' or 'none'; SYSCTL_TIMEOUT_MS (each wait, default 10000).

local out = {}
local finished = false

local function finish(code)
  if finished then return end
  finished = true
  local ok, json = pcall(vim.json.encode, out)
  if not ok then
    json = vim.json.encode({ lua_error = 'could not encode the results: ' .. tostring(json) })
    code = 2
  end
  io.stdout:write(json .. '\n')
  io.stdout:flush()
  pcall(function()
    local get_clients = vim.lsp.get_clients or vim.lsp.get_active_clients -- renamed in 0.10
    for _, c in pairs(get_clients()) do vim.lsp.stop_client(c.id) end
    vim.wait(2000, function() return #get_clients() == 0 end, 10)
  end)
  vim.cmd('cquit ' .. code)
end

local function main()
  vim.opt.swapfile = false
  vim.opt.shadafile = 'NONE'
  vim.opt.more = false

  local server = assert(os.getenv('SYSCTL_SERVER'), 'SYSCTL_SERVER is not set')
  local via = os.getenv('SYSCTL_SETTINGS_VIA') or 'settings'
  local timeout = tonumber(os.getenv('SYSCTL_TIMEOUT_MS') or '10000')
  local v = vim.version()
  out.nvim = v.major .. '.' .. v.minor .. '.' .. v.patch
  out.settings_via = via

  local sizing = { memTotal = '49521980 kB', architecture = 'x86_64' }
  local raw_diags = {} -- uri -> the diagnostics exactly as the server published them
  out.configuration_requests = {}

  local config = {
    name = 'sysctl',
    cmd = { server, '--stdio' }, -- the bin itself (#!/usr/bin/env node), as `sysctl-language-server --stdio`
    root_dir = vim.fn.fnamemodify(vim.api.nvim_buf_get_name(0), ':p:h'),
    flags = { debounce_text_changes = 0 },
    handlers = {
      ['textDocument/publishDiagnostics'] = function(err, result, ctx, cfg)
        raw_diags[result.uri] = result.diagnostics
        return vim.lsp.handlers['textDocument/publishDiagnostics'](err, result, ctx, cfg)
      end,
      ['workspace/configuration'] = function(err, result, ctx, cfg)
        for _, item in ipairs(result.items or {}) do table.insert(out.configuration_requests, item.section or '') end
        return vim.lsp.handlers['workspace/configuration'](err, result, ctx, cfg)
      end,
    },
    on_exit = function(code, signal) out.server_exit = { code = code, signal = signal } end,
  }
  -- 'initializationOptions': the settings go in the initialize request.
  -- 'settings': the usual Neovim way. Neovim answers workspace/configuration from `settings` when it
  -- announces that capability (0.8 and later); 0.7 does not, so on_init also pushes them with
  -- workspace/didChangeConfiguration, as nvim-lspconfig does.
  if via == 'initializationOptions' then
    config.init_options = { sizing = sizing }
  elseif via == 'settings' then
    config.settings = { sysctl = { sizing = sizing } }
    config.on_init = function(c)
      out.did_change_configuration = c.notify('workspace/didChangeConfiguration', { settings = c.config.settings })
    end
  elseif via ~= 'none' then
    error('SYSCTL_SETTINGS_VIA must be initializationOptions, settings or none, not ' .. via)
  end

  local client_id = assert(vim.lsp.start_client(config), 'start_client failed')
  local bufnr = vim.api.nvim_get_current_buf()
  vim.bo[bufnr].filetype = 'sysctl'
  assert(vim.lsp.buf_attach_client(bufnr, client_id), 'buf_attach_client failed')
  local uri = vim.uri_from_bufnr(bufnr)

  -- 1. Diagnostics: the raw LSP ones and what vim.diagnostic shows the user.
  if not vim.wait(timeout, function() return raw_diags[uri] ~= nil end, 10) then
    out.error = 'no diagnostics within ' .. timeout .. ' ms'
    return finish(1)
  end
  out.diagnostics = raw_diags[uri]
  out.vim_diagnostics = {}
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    table.insert(out.vim_diagnostics, {
      lnum = d.lnum, col = d.col, end_lnum = d.end_lnum, end_col = d.end_col,
      severity = d.severity, source = d.source, message = d.message,
    })
  end

  local client = vim.lsp.get_client_by_id(client_id)
  out.capabilities = {
    hover = client.server_capabilities.hoverProvider or false,
    code_action = client.server_capabilities.codeActionProvider and true or false,
  }

  -- Find the nf_conntrack_max line (1-based row) and put the cursor inside its key.
  local lines = vim.api.nvim_buf_get_lines(bufnr, 0, -1, false)
  local row
  for i, line in ipairs(lines) do
    if line:match('^%s*net%.netfilter%.nf_conntrack_max%s*=') then row = i end
  end
  assert(row, 'no net.netfilter.nf_conntrack_max line in the file')
  local key_col = lines[row]:find('nf_conntrack_max', 1, true) + 2 -- 0-based column inside "nf_conntrack_max"
  vim.api.nvim_win_set_cursor(0, { row, key_col })

  -- 2. Hover: the raw response, then vim.lsp.buf.hover() and the floating window the user reads.
  local position = { textDocument = { uri = uri }, position = { line = row - 1, character = key_col } }
  if not out.capabilities.hover then
    out.hover = { error = 'the server does not announce hoverProvider' }
  else
    local hres, herr = vim.lsp.buf_request_sync(bufnr, 'textDocument/hover', position, timeout)
    out.hover = hres and hres[client_id] and (hres[client_id].result or { error = hres[client_id].error }) or { error = herr }
    vim.lsp.buf.hover()
    local float
    vim.wait(timeout, function()
      for _, win in ipairs(vim.api.nvim_list_wins()) do
        if vim.api.nvim_win_get_config(win).relative ~= '' then float = win return true end
      end
      return false
    end, 10)
    if float then
      out.hover_float = vim.api.nvim_buf_get_lines(vim.api.nvim_win_get_buf(float), 0, -1, false)
      vim.api.nvim_win_close(float, true)
    end
  end

  -- 3. Code actions on the nf_conntrack_max line, as the server returns them.
  local line_diags = {}
  for _, d in ipairs(raw_diags[uri]) do
    if d.range.start.line == row - 1 then table.insert(line_diags, d) end
  end
  local cparams = {
    textDocument = { uri = uri },
    range = { start = { line = row - 1, character = key_col }, ['end'] = { line = row - 1, character = key_col } },
    context = { diagnostics = line_diags },
  }
  local cres, cerr = vim.lsp.buf_request_sync(bufnr, 'textDocument/codeAction', cparams, timeout)
  out.code_actions = cres and cres[client_id] and (cres[client_id].result or { error = cres[client_id].error }) or { error = cerr }

  -- Quick fixes for the first unknown-key diagnostic (the "did you mean" fix).
  for _, d in ipairs(raw_diags[uri]) do
    if d.code == 'unknown-key' then
      local ures = vim.lsp.buf_request_sync(bufnr, 'textDocument/codeAction', {
        textDocument = { uri = uri }, range = d.range, context = { diagnostics = { d } },
      }, timeout)
      out.unknown_key_actions = ures and ures[client_id] and ures[client_id].result
      break
    end
  end

  -- 4. The sizing fix the way a user takes it: vim.lsp.buf.code_action() -> vim.ui.select -> apply.
  local wanted = os.getenv('SYSCTL_SIZING_TITLE') or 'Set nf_conntrack_max to '
  local chosen = false
  vim.ui.select = function(items, opts, on_choice)
    out.offered_in_menu = {}
    local pick, pick_index
    for i, item in ipairs(items) do
      local title = opts.format_item and opts.format_item(item) or tostring(item)
      table.insert(out.offered_in_menu, title)
      if not pick and title:sub(1, #wanted) == wanted and not title:find('buckets', 1, true) then
        pick, pick_index = item, i
      end
    end
    out.picked = pick and out.offered_in_menu[pick_index] or nil
    chosen = true
    on_choice(pick, pick_index)
  end
  local tick = vim.api.nvim_buf_get_changedtick(bufnr)
  vim.lsp.buf.code_action()
  if not vim.wait(timeout, function() return chosen end, 10) then
    out.error = 'vim.lsp.buf.code_action() showed no menu within ' .. timeout .. ' ms'
    return finish(1)
  end
  if not out.picked then
    out.error = 'the code action menu had no item starting with "' .. wanted .. '"'
    return finish(1)
  end
  vim.wait(timeout, function() return vim.api.nvim_buf_get_changedtick(bufnr) ~= tick end, 10)
  out.buffer_changed = vim.api.nvim_buf_get_changedtick(bufnr) ~= tick
  out.buffer_after_fix = vim.api.nvim_buf_get_lines(bufnr, 0, -1, false)

  -- 5. Save: the test compares the file on disk byte for byte.
  vim.cmd('silent write')
  out.written = vim.fn.expand('%:p')

  finish(0)
end

vim.api.nvim_create_autocmd('VimEnter', {
  once = true,
  callback = function()
    local ok, err = xpcall(main, debug.traceback)
    if not ok then
      out.lua_error = tostring(err)
      finish(2)
    end
  end,
})
