'use strict';
// The two-user group story through bindings/node (koffi), under `node --test`:
// on the embedded engine, and on huddle-server when HUDDLE_TEST_SERVER_URL names one.

const test = require('node:test');
const assert = require('node:assert/strict');
const huddle = require('../../bindings/node');
const { Client, HuddleError, TipType, JoinStatus, JoinType, GroupType, AddOption, ConvType, ElemType } = huddle;

const HELLO = 'héllo 世界';
const REPLY = 'bienvenue, 朋友 🎲';
const TIMEOUT_MS = 10000;

/** Records what one client hears, and waits for what it has not heard yet. */
class Watcher {
  constructor(client) {
    this.client = client;
    this.tips = [];
    this.messages = [];
    this.waiters = [];
    client.on('groupTip', (tip) => { this.tips.push(tip); this.check(); });
    client.on('messages', (msgs) => { this.messages.push(...msgs); this.check(); });
  }

  check() {
    this.waiters = this.waiters.filter((w) => {
      const found = w.find();
      if (found) { clearTimeout(w.timer); w.resolve(found); }
      return !found;
    });
  }

  until(find, what) {
    const found = find();
    if (found) return Promise.resolve(found);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`timed out waiting for ${what}`)), TIMEOUT_MS);
      this.waiters.push({ find, resolve, timer });
    });
  }

  tip(type, group, fields = {}) {
    return this.until(() => this.tips.find((t) => t.group_tips_elem_tip_type === type && t.group_tips_elem_group_id === group
      && Object.entries(fields).every(([k, v]) => t[k] === v)), `tip ${type} ${JSON.stringify(fields)}`);
  }

  text(group, text) {
    return this.until(() => this.messages.find((m) => m.message_conv_id === group
      && m.message_elem_array[0].elem_type === ElemType.TEXT && m.message_elem_array[0].text_elem_content === text), `text ${text}`);
  }
}

async function story(alice, bob, aliceId, bobId) {
  const a = new Watcher(alice);
  const b = new Watcher(bob);
  await alice.login(aliceId);
  await bob.login(bobId);
  assert.equal(alice.loginUserId(), aliceId);

  const created = await alice.groupCreate({
    create_group_param_group_name: 'Guild 公会',
    create_group_param_group_type: GroupType.PUBLIC,
    create_group_param_add_option: AddOption.AUTH,
  });
  const group = created.create_group_result_groupid;
  assert.match(group, /^@TGS#/);
  await a.tip(TipType.GROUP_CREATED, group, { group_tips_elem_op_user: aliceId });

  const joined = await bob.groupJoin(group, "let me in, s'il vous plaît");
  assert.equal(joined.group_join_result_status, JoinStatus.WAITING_APPROVAL);
  const request = await a.tip(TipType.JOIN_REQUEST, group, { group_tips_elem_op_user: bobId });
  assert.deepEqual(request.group_tips_elem_user_array, [bobId]);

  const pendencies = (await alice.groupGetPendencyList({})).group_pendency_result_pendency_array
    .filter((p) => p.group_pendency_group_id === group && p.group_pendency_form_identifier === bobId);
  assert.equal(pendencies.length, 1);
  await alice.groupHandlePendency({
    group_handle_pendency_param_is_accept: true,
    group_handle_pendency_param_handle_msg: 'bienvenue',
    group_handle_pendency_param_pendency: pendencies[0],
  });
  for (const w of [a, b]) {
    const tip = await w.tip(TipType.INVITE, group, { group_tips_elem_join_type: JoinType.APPLY });
    assert.equal(tip.group_tips_elem_op_user, aliceId);
    assert.deepEqual(tip.group_tips_elem_user_array, [bobId]);
    assert.equal(tip.group_tips_elem_member_num, 2);
  }

  const sending = bob.sendText(group, HELLO);
  assert.ok(sending.messageId);
  const echo = await sending;
  assert.equal(echo.message_msg_id, sending.messageId);
  const got = await a.text(group, HELLO);
  assert.equal(got.message_sender, bobId);
  assert.equal(got.message_conv_type, ConvType.GROUP);

  await alice.sendText(group, REPLY);
  assert.equal((await b.text(group, REPLY)).message_sender, aliceId);

  const history = await alice.getMsgList(group, ConvType.GROUP, { msg_getmsglist_param_count: 10 });
  assert.deepEqual(history.slice(0, 2).map((m) => m.message_elem_array[0].text_elem_content), [REPLY, HELLO]);

  await bob.groupQuit(group);
  for (const w of [a, b]) {
    const tip = await w.tip(TipType.QUIT, group, { group_tips_elem_op_user: bobId });
    assert.equal(tip.group_tips_elem_member_num, 1);
  }
  const groups = (await bob.groupGetJoinedGroupList()).map((g) => g.group_base_info_group_id);
  assert.ok(!groups.includes(group));

  await alice.logout();
  await bob.logout();
}

test('the story on the embedded engine', async () => {
  const alice = new Client();
  const bob = new Client();
  try {
    await story(alice, bob, 'alice', 'bob');
  } finally {
    alice.close();
    bob.close();
  }
});

test('the story on huddle-server', { skip: !process.env.HUDDLE_TEST_SERVER_URL && 'HUDDLE_TEST_SERVER_URL is not set' }, async () => {
  const config = { sdk_config_server_url: process.env.HUDDLE_TEST_SERVER_URL };
  const alice = new Client(config);
  const bob = new Client(config);
  try {
    await story(alice, bob, 'alice', 'bob');
  } finally {
    alice.close();
    bob.close();
  }
});

test('refusals and failures reject with HuddleError', async () => {
  const erin = new Client();
  try {
    await assert.rejects(erin.groupCreate({ create_group_param_group_name: 'early' }),
      (e) => e instanceof HuddleError && e.code === -2);
    await erin.login('erin');
    await assert.rejects(erin.groupCreate('{not json'), (e) => e instanceof HuddleError && e.code === -3);
    await assert.rejects(erin.groupJoin('@TGS#nosuchgroup'), (e) => e instanceof HuddleError && e.code === 10010 && e.desc.length > 0);
  } finally {
    erin.close();
  }
});

test('close settles calls still owed', async () => {
  const frank = new Client();
  const login = frank.login('frank');
  frank.close(); // before any poll: HuddleUninit runs the owed callback now
  await login.then(() => {}, (e) => assert.equal(e.code, 6013));
  await assert.rejects(frank.logout(), (e) => e.code === -1);
});

test('the library is the one asked for', () => {
  assert.equal(huddle.version(), require('../../bindings/node/package.json').version);
  assert.ok(huddle.resultString(10010).length > 0);
});
