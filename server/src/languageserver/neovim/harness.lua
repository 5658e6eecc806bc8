-- Headless Neovim harness for the sesscache language server.
--
-- Opens one C file, attaches Neovim's built-in LSP client (Neovim 0.7+: it
-- uses vim.lsp.start_client + vim.lsp.buf_attach_client, not vim.lsp.start
-- which only exists from 0.8), hovers a list of positions, lets diagnostics
-- settle, writes a JSON result and quits. It always quits: every wait is
-- bounded by the time limit, the main flow runs under xpcall, and a timer is
-- the backstop if anything still overruns.
--
-- Run it with no user config, no plugins, no swap file and no shada:
--
--   nvim --headless --clean -u NONE -i NONE -n --noplugin \
--        -c "luafile server/src/languageserver/neovim/harness.lua" -c "cquit 9"
--
-- (The trailing `cquit 9` only runs if the harness returned without quitting,
-- e.g. a syntax error in this file: nvim then exits 9 instead of hanging.)
--
-- Environment:
--   SESSCACHE_NVIM_NODE       node executable (default: "node")
--   SESSCACHE_NVIM_SERVER     path of the server script (dist/server.js); started
--                             as {node, server, "--stdio"}
--   SESSCACHE_NVIM_FILE       the C file to open (filetype c)
--   SESSCACHE_NVIM_POSITIONS  JSON list of {name, line, character}, 0-based LSP
--                             positions (UTF-16 characters)
--   SESSCACHE_NVIM_OUTPUT     where to write the JSON result
--   SESSCACHE_NVIM_TIMEOUT_MS time limit for the whole run (default 10000)
--   SESSCACHE_NVIM_SETTLE_MS  diagnostics have settled once none arrived for
--                             this long (default 250)
--   SESSCACHE_NVIM_FILETYPE   filetype / languageId (default "c")
--
-- Result (JSON):
--   hovers          {name: markdown string | null}; null when the server
--                   answered null or the request failed (then see errors)
--   diagnostics     the last textDocument/publishDiagnostics list for the file,
--                   as LSP Diagnostic objects ([] when none arrived)
--   vimDiagnostics  the same as Neovim stored them (vim.diagnostic.get)
--   errors          everything that went wrong, as strings ([] on a clean run)
--   serverMessages  window/logMessage and window/showMessage from the server
--   serverStderr    what the server wrote to stderr (from Neovim's LSP log)
--   serverExit      {code, signal} of the server process, or null
--   neovim          Neovim version; elapsedMs: time spent in this script
--
-- Exit status: 0 when errors is empty; 1 when the run completed but errors is
-- not empty (server or protocol problems); 2 on an internal harness error or
-- when the time limit was hit; 3 when the result could not be written.

local uv = vim.loop
local started = uv.hrtime()
local function now_ms()
  return (uv.hrtime() - started) / 1e6
end

local result = {
  hovers = vim.empty_dict(), -- an empty Lua table would encode as [], not {}
  diagnostics = {},
  vimDiagnostics = {},
  errors = {},
  serverMessages = {},
  serverStderr = {},
  serverExit = vim.NIL,
  neovim = tostring(vim.version().major) .. '.' .. vim.version().minor .. '.' .. vim.version().patch,
  elapsedMs = 0,
}

local function add_error(msg)
  table.insert(result.errors, tostring(msg))
end

local env = {
  node = os.getenv('SESSCACHE_NVIM_NODE') or 'node',
  server = os.getenv('SESSCACHE_NVIM_SERVER'),
  file = os.getenv('SESSCACHE_NVIM_FILE'),
  positions = os.getenv('SESSCACHE_NVIM_POSITIONS'),
  output = os.getenv('SESSCACHE_NVIM_OUTPUT'),
  timeout_ms = tonumber(os.getenv('SESSCACHE_NVIM_TIMEOUT_MS') or '') or 10000,
  settle_ms = tonumber(os.getenv('SESSCACHE_NVIM_SETTLE_MS') or '') or 250,
  filetype = os.getenv('SESSCACHE_NVIM_FILETYPE') or 'c',
}

-- Time kept back from every wait for shutting the server down and writing out.
local RESERVE_MS = math.min(1000, math.max(200, env.timeout_ms * 0.15))

local function remaining_ms()
  return env.timeout_ms - now_ms()
end
-- How long a wait may take and still leave the reserve; at least 1 ms.
local function budget_ms()
  return math.max(1, math.floor(remaining_ms() - RESERVE_MS))
end

-- Hard stop: quits even if nvim is wedged in a nested loop. :cquit is
-- :qall! with an exit status.
local function quit(code)
  io.stdout:flush()
  io.stderr:flush()
  if code == 0 then
    pcall(vim.cmd, 'qall!')
  else
    pcall(vim.cmd, 'cquit ' .. code)
  end
  os.exit(code) -- only reached if :qall!/:cquit refused
end

-- Everything Neovim itself would have shown the user.
local original_notify = vim.notify
vim.notify = function(msg, level, opts)
  if level == nil or level >= vim.log.levels.WARN then
    add_error('neovim: ' .. tostring(msg))
  end
  return pcall(original_notify, msg, level, opts)
end

local lsp_ok, lsp = pcall(require, 'vim.lsp')
local log_path, log_offset
if lsp_ok then
  -- Neovim 0.7 logs the server's stderr (at ERROR) to its LSP log, whose path
  -- is fixed to stdpath('cache')/lsp.log; read back only what this run adds.
  local ok, p = pcall(lsp.get_log_path)
  if ok and type(p) == 'string' then
    log_path = p
    log_offset = math.max(0, vim.fn.getfsize(p))
  end
end

local function collect_server_stderr()
  if not log_path then
    return
  end
  local f = io.open(log_path, 'rb')
  if not f then
    return
  end
  f:seek('set', log_offset)
  local text = f:read('*a') or ''
  f:close()
  local count = 0
  for line in text:gmatch('[^\n]+') do
    if line:find('"stderr"', 1, true) then
      -- the chunk is the last tab-separated field, a vim.inspect()ed Lua string
      local literal = line:match('\t("[^\t]*")$')
      local chunk
      if literal then
        local fn = loadstring('return ' .. literal)
        if fn then
          local ok, value = pcall(setfenv(fn, {}))
          if ok and type(value) == 'string' then
            chunk = value
          end
        end
      end
      table.insert(result.serverStderr, chunk or line)
      count = count + 1
      if count >= 200 then
        table.insert(result.serverStderr, '... (truncated)')
        break
      end
    end
  end
end

local client_id, client, bufnr
local server_exit -- {code, signal} once the server process ended
local finishing = false
local finished = false
local last_diagnostics_at -- now_ms() of the last publishDiagnostics for the file

local function stop_server(graceful)
  if not client or server_exit then
    return
  end
  -- client.stop() sends shutdown then exit (or SIGTERM when uninitialized);
  -- stop(true) sends SIGTERM.
  pcall(client.stop, not graceful)
  local wait = graceful and math.min(1500, math.max(1, remaining_ms() - 100)) or 300
  vim.wait(wait, function()
    return server_exit ~= nil
  end, 5)
  if not server_exit then
    if graceful then
      add_error(string.format('server did not exit within %d ms of shutdown/exit; sending SIGTERM', wait))
    end
    pcall(client.stop, true)
    vim.wait(300, function()
      return server_exit ~= nil
    end, 5)
  end
  if not server_exit and client.rpc and client.rpc.handle then
    pcall(function()
      client.rpc.handle:kill(9)
    end)
  end
end

local function write_output(code)
  result.elapsedMs = math.floor(now_ms())
  local ok, encoded = pcall(vim.fn.json_encode, result)
  if not ok then
    code = 2
    encoded = vim.fn.json_encode({
      hovers = vim.empty_dict(),
      diagnostics = {},
      errors = { 'harness: could not encode the result: ' .. tostring(encoded) },
    })
  end
  if not env.output or env.output == '' then
    io.stderr:write('harness: SESSCACHE_NVIM_OUTPUT is not set; result: ' .. encoded .. '\n')
    return 3
  end
  -- write then rename, so a reader never sees half a file
  local tmp = env.output .. '.tmp'
  local f, err = io.open(tmp, 'wb')
  if not f then
    io.stderr:write('harness: cannot write ' .. tmp .. ': ' .. tostring(err) .. '\n')
    return 3
  end
  f:write(encoded)
  f:close()
  local renamed, rename_err = os.rename(tmp, env.output)
  if not renamed then
    io.stderr:write('harness: cannot rename to ' .. env.output .. ': ' .. tostring(rename_err) .. '\n')
    return 3
  end
  return code
end

-- The one way out. graceful: ask the server to shut down (else SIGTERM).
local function finish(code, graceful)
  if finishing then
    return
  end
  finishing = true
  local ok, err = xpcall(function()
    stop_server(graceful)
    collect_server_stderr()
    if server_exit then
      result.serverExit = { code = server_exit.code, signal = server_exit.signal }
    end
  end, debug.traceback)
  if not ok then
    add_error('harness: while finishing: ' .. tostring(err))
    code = 2
  end
  if code == 0 and #result.errors > 0 then
    code = 1
  end
  code = write_output(code)
  finished = true
  quit(code)
end

-- Backstop: if the flow below overruns its own bounded waits, give up on time.
-- The callback is scheduled, so it also runs inside a nested vim.wait().
local timer = uv.new_timer()
timer:start(
  math.max(1, env.timeout_ms),
  0,
  vim.schedule_wrap(function()
    if finishing then
      return
    end
    add_error(string.format('harness: time limit of %d ms exceeded', env.timeout_ms))
    finish(2, false)
  end)
)

local function hover_markdown(contents)
  -- MarkupContent | MarkedString | MarkedString[]
  if type(contents) == 'string' then
    return contents
  end
  if type(contents) ~= 'table' then
    return nil
  end
  if contents.kind ~= nil then
    return contents.value
  end
  if contents.language ~= nil then
    return '```' .. tostring(contents.language) .. '\n' .. tostring(contents.value) .. '\n```'
  end
  local parts = {}
  for _, item in ipairs(contents) do
    local md = hover_markdown(item)
    if md then
      table.insert(parts, md)
    end
  end
  return table.concat(parts, '\n\n')
end

local function is_null(v)
  return v == nil or v == vim.NIL
end

local function parse_positions()
  if not env.positions or env.positions == '' then
    error('SESSCACHE_NVIM_POSITIONS is not set')
  end
  local ok, decoded = pcall(vim.fn.json_decode, env.positions)
  if not ok or type(decoded) ~= 'table' or not vim.tbl_islist(decoded) then
    error('SESSCACHE_NVIM_POSITIONS is not a JSON list: ' .. env.positions)
  end
  local seen = {}
  for i, p in ipairs(decoded) do
    if type(p) ~= 'table' or type(p.name) ~= 'string' or type(p.line) ~= 'number' or type(p.character) ~= 'number' then
      error(string.format('SESSCACHE_NVIM_POSITIONS[%d] must be {name: string, line: number, character: number}', i - 1))
    end
    if seen[p.name] then
      error('SESSCACHE_NVIM_POSITIONS: duplicate name ' .. p.name)
    end
    seen[p.name] = true
  end
  return decoded
end

local function main()
  if not lsp_ok then
    error('cannot load vim.lsp: ' .. tostring(lsp))
  end
  for _, fn in ipairs({ 'start_client', 'buf_attach_client', 'get_client_by_id' }) do
    if type(lsp[fn]) ~= 'function' then
      error('this Neovim has no vim.lsp.' .. fn)
    end
  end
  if not env.server or env.server == '' then
    error('SESSCACHE_NVIM_SERVER is not set')
  end
  if not env.file or env.file == '' then
    error('SESSCACHE_NVIM_FILE is not set')
  end
  if vim.fn.filereadable(env.file) ~= 1 then
    error('cannot read SESSCACHE_NVIM_FILE ' .. env.file)
  end
  local positions = parse_positions()
  for _, p in ipairs(positions) do
    result.hovers[p.name] = vim.NIL
  end

  vim.cmd('edit ' .. vim.fn.fnameescape(env.file))
  bufnr = vim.api.nvim_get_current_buf()
  vim.bo[bufnr].filetype = env.filetype
  local uri = vim.uri_from_bufnr(bufnr)

  local default_publish = lsp.handlers['textDocument/publishDiagnostics']
  local function message_handler(_, params, ctx)
    if type(params) == 'table' then
      table.insert(result.serverMessages, {
        method = ctx and ctx.method or '',
        type = params.type or vim.NIL,
        message = params.message or vim.NIL,
      })
    end
    return vim.NIL
  end

  client_id = lsp.start_client({
    name = 'sesscache',
    cmd = { env.node, env.server, '--stdio' },
    root_dir = vim.fn.fnamemodify(env.file, ':p:h'),
    -- we shut the server down ourselves; this only bounds VimLeavePre's wait
    flags = { exit_timeout = 200 },
    handlers = {
      ['textDocument/publishDiagnostics'] = function(err, params, ctx, config)
        -- compare paths, not URI spellings (and don't vim.uri_to_bufnr(): it creates buffers)
        local same = type(params) == 'table' and type(params.uri) == 'string' and
          (params.uri == uri or select(2, pcall(vim.uri_to_fname, params.uri)) == vim.uri_to_fname(uri))
        if same then
          result.diagnostics = params.diagnostics or {}
          last_diagnostics_at = now_ms()
        end
        return default_publish(err, params, ctx, config)
      end,
      ['window/logMessage'] = message_handler,
      ['window/showMessage'] = message_handler,
    },
    on_error = function(code, err)
      add_error(string.format('LSP client error %s: %s', tostring(lsp.client_errors[code] or code), vim.inspect(err)))
    end,
    on_exit = function(code, signal)
      server_exit = { code = code, signal = signal }
      if not finishing then
        add_error(string.format('server exited early (code %s, signal %s)', tostring(code), tostring(signal)))
      end
    end,
  })
  if not client_id then
    add_error('vim.lsp.start_client could not start ' .. env.node .. ' ' .. env.server)
    return finish(1, false)
  end
  client = lsp.get_client_by_id(client_id)
  if not lsp.buf_attach_client(bufnr, client_id) then
    error('vim.lsp.buf_attach_client failed')
  end

  -- Initialized and didOpen sent (0.7 sends didOpen from the initialize callback).
  local init_ok = vim.wait(budget_ms(), function()
    return (client.initialized and client.attached_buffers[bufnr]) or server_exit ~= nil
  end, 5)
  if not (client.initialized and client.attached_buffers[bufnr]) then
    if init_ok then
      add_error('server exited before initialization completed')
    else
      add_error(string.format('initialize did not complete within %d ms', math.floor(now_ms())))
    end
    return finish(1, false)
  end
  result.initializedMs = math.floor(now_ms())

  -- Neovim only sends hovers to servers that advertise hoverProvider.
  if not client.supports_method('textDocument/hover') then
    add_error('server does not advertise hoverProvider, so Neovim would never ask it for hovers')
  else
    for _, p in ipairs(positions) do
      local params = { textDocument = { uri = uri }, position = { line = p.line, character = p.character } }
      local response, reason = client.request_sync('textDocument/hover', params, budget_ms(), bufnr)
      if response == nil then
        add_error(string.format('hover %s: no response (%s)', p.name, tostring(reason or 'client stopped')))
        if server_exit or remaining_ms() <= RESERVE_MS then
          break
        end
      elseif not is_null(response.err) then
        add_error(string.format('hover %s: server error %s', p.name, tostring(response.err)))
      elseif not is_null(response.result) then
        local md = hover_markdown(response.result.contents)
        if md == nil then
          add_error(string.format('hover %s: unexpected contents %s', p.name, vim.inspect(response.result)))
        else
          result.hovers[p.name] = md
        end
      end
    end
  end
  result.hoversMs = math.floor(now_ms())

  -- Diagnostics have settled when none arrived for settle_ms.
  vim.wait(budget_ms(), function()
    return server_exit ~= nil or now_ms() - math.max(last_diagnostics_at or 0, result.hoversMs) >= env.settle_ms
  end, 10)
  local ok, stored = pcall(vim.diagnostic.get, bufnr)
  if ok and type(stored) == 'table' then
    for _, d in ipairs(stored) do
      table.insert(result.vimDiagnostics, {
        lnum = d.lnum,
        col = d.col,
        end_lnum = d.end_lnum or vim.NIL,
        end_col = d.end_col or vim.NIL,
        severity = d.severity or vim.NIL,
        message = d.message,
        source = d.source or vim.NIL,
      })
    end
  end

  finish(0, true)
end

local ok, err = xpcall(main, debug.traceback)
if not ok then
  add_error('harness: ' .. tostring(err))
  finish(2, false)
elseif not finished then
  add_error('harness: main returned without finishing')
  finish(2, false)
end
