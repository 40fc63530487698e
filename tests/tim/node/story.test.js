// im_electron_sdk's own JavaScript against Huddle's libImSDK.so and a
// huddle-server: two users, alice and bob, each a process of client.js (one
// client a process, as Tencent's API has), through group create, join with
// approval, messages both ways and tips. This test sequences them; it asserts
// on what TimRender (the SDK's app-facing API) hands back, after the SDK's own
// parsing, and fails on any parse error the SDK would otherwise swallow.
// Run by tests/tim/node.sh, which sets HUDDLE_SERVER_URL, TIM_SDK_DIST,
// TIM_RESOURCES, TIM_TMP and NODE_PATH. With TIM_DUMP=/some/prefix, each user's
// callbacks and SDK output are written to /some/prefix.<user> at the end.
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const { spawn } = require("node:child_process");
const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");
const readline = require("node:readline");

// Tencent's enums (dist/enumbers.d.ts).
const kTIMGroup_Public = 0;
const kTIMGroupAddOpt_Auth = 1;
const kTIMConv_Group = 2;
const kTIMConv_System = 3;
const kTIMElem_Text = 0;
const kTIMElem_GroupTips = 5;
const kTIMElem_GroupReport = 8;
const kTIMGroupTip_Invite = 1;
const kTIMGroupTip_Quit = 2;
const kTIMGroupReport_AddRequest = 1;
const kTIMGroupReport_AddAccept = 2;
const kTIMGroupPendency_RequestJoin = 0;
const kTIMGroupPendency_NotHandle = 0;
const kTIMGroupMemberRole_Normal = 200;
const kTIMGroupMemberRole_Owner = 400;
const kTIMLoginStatus_Logined = 1;
const kTIMLoginStatus_UnLogined = 3;

const WAIT_MS = 15000;
// Under TIM_TMP, node.sh's temp dir, which it removes even if this is killed.
const root = fs.mkdtempSync(path.join(process.env.TIM_TMP || os.tmpdir(), "huddle-tim-node-"));

class User {
    constructor(name) {
        this.name = name;
        this.events = [];
        this.output = "";
        this.pending = new Map();
        this.waiters = new Set();
        this.nextId = 1;
        const home = path.join(root, name);
        this.configPath = path.join(home, "config");
        fs.mkdirSync(this.configPath, { recursive: true });
        // HOME too: TimMain makes ~/.tencent-im.
        this.proc = spawn(process.execPath, [path.join(__dirname, "client.js")], {
            env: { ...process.env, HOME: home },
            stdio: ["pipe", "pipe", "pipe", "pipe"],
        });
        for (const stream of [this.proc.stdout, this.proc.stderr]) stream.on("data", (d) => (this.output += d));
        readline.createInterface({ input: this.proc.stdio[3] }).on("line", (line) => this.hear(JSON.parse(line)));
        this.exited = new Promise((resolve) => this.proc.on("exit", (code, signal) => resolve({ code, signal })));
        this.exited.then(({ code, signal }) => {
            for (const { reject } of this.pending.values()) reject(new Error(`${name}'s process ended (${code ?? signal})\n${this.output}`));
            this.pending.clear();
        });
    }

    hear(msg) {
        if (msg.id !== undefined) {
            const p = this.pending.get(msg.id);
            this.pending.delete(msg.id);
            if (msg.error !== undefined) p.reject(new Error(`${this.name}: ${msg.error}`));
            else p.resolve(msg.result);
            return;
        }
        this.events.push(msg);
        for (const w of this.waiters) w();
    }

    /** Calls TimRender's `call` in this user's process; its result. */
    call(call, param) {
        const id = this.nextId++;
        return new Promise((resolve, reject) => {
            const timer = setTimeout(() => {
                this.pending.delete(id);
                reject(new Error(`${this.name}: ${call} did not answer in ${WAIT_MS} ms\n${this.output}`));
            }, WAIT_MS);
            const done = (f) => (v) => (clearTimeout(timer), f(v));
            this.pending.set(id, { resolve: done(resolve), reject: done(reject) });
            this.proc.stdin.write(JSON.stringify({ id, call, param }) + "\n");
        });
    }

    /** The first callback of `event` whose arguments satisfy `match`, waiting for it. */
    waitFor(event, what, match) {
        const find = () => {
            for (const e of this.events) {
                if (e.event !== event) continue;
                const found = match(e.args);
                if (found) return found;
            }
            return undefined;
        };
        return new Promise((resolve, reject) => {
            let waiter;
            const timer = setTimeout(() => {
                this.waiters.delete(waiter);
                const heard = this.events.filter((e) => e.event === event).map((e) => JSON.stringify(e.args));
                reject(new Error(`${this.name} did not get ${what} in ${WAIT_MS} ms; ${event} got:\n${heard.join("\n")}`));
            }, WAIT_MS);
            waiter = () => {
                const found = find();
                if (found) {
                    clearTimeout(timer);
                    this.waiters.delete(waiter);
                    resolve(found);
                }
            };
            this.waiters.add(waiter);
            waiter();
        });
    }

    /** A waitFor matcher of TIMAddRecvNewMsgCallback: the first message of a call that satisfies `match`. */
    messages(match) {
        // TimRender hands the app's listener the native callback's arguments as one
        // array, [json_msg_array, user_data]: args[0].
        return (args) => {
            const [json] = args[0];
            const msgs = JSON.parse(json);
            assert.ok(Array.isArray(msgs), `the new-message callback's json_msg_array is an array: ${json}`);
            return msgs.find(match);
        };
    }

    async exit() {
        if (this.proc.exitCode === null && this.proc.signalCode === null) await this.call("exit").catch(() => {});
        const { code } = await this.exited;
        return code;
    }
}

const elemOf = (msg, type) => (msg.message_elem_array || []).find((e) => e.elem_type === type);

test("im_electron_sdk's JavaScript on Huddle's libImSDK.so: two users, a group with approval, messages, tips", async (t) => {
    assert.ok(process.env.HUDDLE_SERVER_URL, "HUDDLE_SERVER_URL names the huddle-server (tests/tim/node.sh starts one)");
    const alice = new User("alice");
    const bob = new User("bob");
    const users = [alice, bob];
    t.after(async () => {
        await Promise.all(users.map((u) => u.exit()));
        if (process.env.TIM_DUMP) for (const u of users) fs.writeFileSync(`${process.env.TIM_DUMP}.${u.name}`, u.events.map((e) => JSON.stringify(e)).join("\n") + "\n" + u.output);
        fs.rmSync(root, { recursive: true, force: true });
    });
    let groupId;
    // Each step needs the ones before it: after a failure, the rest are skipped.
    let failed = false;
    const step = (name, fn) =>
        t.test(name, { skip: failed && "an earlier step failed" }, async (st) => {
            try {
                await fn(st);
            } catch (e) {
                failed = true;
                throw e;
            }
        });

    await step("each process loads Huddle's libImSDK.so through ffi-rs, and the Electron stand-in", async () => {
        const ours = fs.realpathSync(path.join(process.env.TIM_RESOURCES, "linux/lib/libImSDK.so"));
        for (const u of users) {
            const loaded = await u.call("loaded");
            assert.deepEqual(loaded.libraries, [ours], `${u.name} maps only our libImSDK.so`);
            assert.equal(loaded.electron, path.join(__dirname, "stubs/electron/index.js"));
            assert.match(loaded.ffi, /node_modules\/ffi-rs\/index\.js$/);
        }
    });

    await step("TIMInit (with the SDK's config_path), listeners, TIMGetSDKVersion", async () => {
        for (const u of users) {
            assert.equal(await u.call("TIMInit", { config_path: u.configPath }), 0, `${u.name}'s TIMInit returns TIM_SUCC`);
            // Listeners answer nothing; TimRender makes that {}.
            assert.deepEqual(await u.call("TIMAddRecvNewMsgCallback", { callback: "$callback" }), {});
            assert.deepEqual(await u.call("TIMSetGroupTipsEventCallback", { callback: "$callback" }), {});
            const version = await u.call("TIMGetSDKVersion");
            assert.equal(typeof version, "string");
            assert.match(version, /^\d+\.\d+\.\d+/, "TIMGetSDKVersion is Huddle's version");
            // sdk_config_log_file_path: <config_path>/sdk-log, one file a day.
            const logs = fs.readdirSync(path.join(u.configPath, "sdk-log"));
            assert.ok(logs.some((f) => /^huddle-imsdk-\d{8}\.log$/.test(f)), `${u.name}'s log file: ${logs}`);
        }
    });

    await step("TIMLogin, TIMGetLoginUserID", async () => {
        for (const u of users) {
            const login = await u.call("TIMLogin", { userID: u.name, userSig: "any" });
            assert.equal(login.code, 0, `${u.name} logs in: ${JSON.stringify(login)}`);
            assert.equal(typeof login.desc, "string");
            const me = await u.call("TIMGetLoginUserID");
            assert.equal(me.code, 0);
            assert.equal(me.json_param, u.name, "TIMGetLoginUserID fills Tencent's buffer");
        }
    });

    await step("alice creates a public group that needs approval (TIMGroupCreate)", async () => {
        const created = await alice.call("TIMGroupCreate", {
            params: {
                create_group_param_group_name: "Friday raid",
                create_group_param_group_type: kTIMGroup_Public,
                create_group_param_add_option: kTIMGroupAddOpt_Auth,
                create_group_param_introduction: "héllo 世界 group",
            },
        });
        assert.equal(created.code, 0, JSON.stringify(created));
        assert.equal(typeof created.json_param, "object", "the SDK parsed the result");
        groupId = created.json_param.create_group_result_groupid;
        assert.equal(typeof groupId, "string");
        assert.ok(groupId.length > 0, `create_group_result_groupid: ${JSON.stringify(created)}`);

        const info = await alice.call("TIMGroupGetGroupInfoList", { groupIds: [groupId] });
        assert.equal(info.code, 0, JSON.stringify(info));
        assert.ok(Array.isArray(info.json_param) && info.json_param.length === 1, JSON.stringify(info));
        const [result] = info.json_param;
        assert.equal(result.get_groups_info_result_code, 0);
        const g = result.get_groups_info_result_info; // Tencent's GroupDetailInfo
        assert.equal(typeof g, "object", JSON.stringify(result));
        assert.equal(g.group_detail_info_group_id, groupId);
        assert.equal(g.group_detail_info_group_name, "Friday raid");
        assert.equal(g.group_detail_info_group_type, kTIMGroup_Public);
        assert.equal(g.group_detail_info_add_option, kTIMGroupAddOpt_Auth);
        assert.equal(g.group_detail_info_owner_identifier, "alice");
        assert.equal(g.group_detail_info_introduction, "héllo 世界 group");
        assert.equal(g.group_detail_info_member_num, 1);
    });

    await step("bob asks to join (TIMGroupJoin): the group needs approval, so he is not in yet", async () => {
        const joined = await bob.call("TIMGroupJoin", { groupId, helloMsg: "let me in, s'il vous plaît 🙏" });
        assert.equal(joined.code, 0, JSON.stringify(joined));
        const mine = await bob.call("TIMGroupGetJoinedGroupList");
        assert.equal(mine.code, 0, JSON.stringify(mine));
        assert.ok(Array.isArray(mine.json_param), JSON.stringify(mine));
        assert.ok(!mine.json_param.some((g) => g.group_base_info_group_id === groupId), "not a member before approval");
    });

    let pendency;
    await step("alice hears the request (a group report message) and lists it (TIMGroupGetPendencyList)", async () => {
        const report = await alice.waitFor(
            "TIMAddRecvNewMsgCallback",
            "the AddRequest group report",
            alice.messages((m) => {
                const e = elemOf(m, kTIMElem_GroupReport);
                return e && e.group_report_elem_report_type === kTIMGroupReport_AddRequest && e.group_report_elem_group_id === groupId;
            }),
        );
        assert.equal(report.message_conv_type, kTIMConv_System);
        const e = elemOf(report, kTIMElem_GroupReport);
        assert.equal(e.group_report_elem_op_user, "bob");
        assert.equal(e.group_report_elem_msg, "let me in, s'il vous plaît 🙏");

        const list = await alice.call("TIMGroupGetPendencyList", { params: { group_pendency_option_start_time: 0, group_pendency_option_max_limited: 0 } });
        assert.equal(list.code, 0, JSON.stringify(list));
        const r = list.json_param;
        assert.equal(typeof r, "object", JSON.stringify(list));
        assert.ok(Array.isArray(r.group_pendency_result_pendency_array), JSON.stringify(r));
        assert.equal(typeof r.group_pendency_result_next_start_time, "number");
        assert.equal(typeof r.group_pendency_result_read_time_seq, "number");
        assert.equal(typeof r.group_pendency_result_unread_num, "number");
        pendency = r.group_pendency_result_pendency_array.find(
            (p) => p.group_pendency_group_id === groupId && p.group_pendency_form_identifier === "bob",
        );
        assert.ok(pendency, `bob's request is listed: ${JSON.stringify(r)}`);
        assert.equal(pendency.group_pendency_pendency_type, kTIMGroupPendency_RequestJoin);
        assert.equal(pendency.group_pendency_handled, kTIMGroupPendency_NotHandle);
        assert.equal(pendency.group_pendency_apply_invite_msg, "let me in, s'il vous plaît 🙏");
        assert.equal(typeof pendency.group_pendency_add_time, "number");
    });

    await step("alice approves (TIMGroupHandlePendency); bob is in", async () => {
        const handled = await alice.call("TIMGroupHandlePendency", {
            params: {
                group_handle_pendency_param_is_accept: true,
                group_handle_pendency_param_handle_msg: "bienvenue",
                group_handle_pendency_param_pendency: pendency,
            },
        });
        assert.equal(handled.code, 0, JSON.stringify(handled));

        const accepted = await bob.waitFor(
            "TIMAddRecvNewMsgCallback",
            "the AddAccept group report",
            bob.messages((m) => {
                const e = elemOf(m, kTIMElem_GroupReport);
                return e && e.group_report_elem_report_type === kTIMGroupReport_AddAccept && e.group_report_elem_group_id === groupId;
            }),
        );
        assert.equal(elemOf(accepted, kTIMElem_GroupReport).group_report_elem_op_user, "alice");

        const mine = await bob.call("TIMGroupGetJoinedGroupList");
        assert.equal(mine.code, 0);
        assert.ok(mine.json_param.some((g) => g.group_base_info_group_id === groupId), JSON.stringify(mine));

        // Member list: json-bigint-parse (the SDK's big-number JSON) on both sides.
        const members = await alice.call("TIMGroupGetMemberInfoList", {
            params: { group_get_members_info_list_param_group_id: groupId, group_get_members_info_list_param_next_seq: 0 },
        });
        assert.equal(members.code, 0, JSON.stringify(members));
        const list = members.json_param.group_get_member_info_list_result_info_array;
        assert.ok(Array.isArray(list), JSON.stringify(members));
        const roles = Object.fromEntries(list.map((m) => [m.group_member_info_identifier, m.group_member_info_member_role]));
        assert.deepEqual(roles, { alice: kTIMGroupMemberRole_Owner, bob: kTIMGroupMemberRole_Normal });
    });

    await step("both hear bob's join tip (TIMSetGroupTipsEventCallback, and as a message)", async () => {
        for (const u of users) {
            const tip = await u.waitFor("TIMSetGroupTipsEventCallback", "the join tip", (args) => {
                // [json_tips, user_data]
                const tip = JSON.parse(args[0][0]);
                return tip.group_tips_elem_group_id === groupId && tip.group_tips_elem_tip_type === kTIMGroupTip_Invite ? tip : undefined;
            });
            assert.ok(Array.isArray(tip.group_tips_elem_user_array) && tip.group_tips_elem_user_array.includes("bob"), JSON.stringify(tip));
            const msg = await u.waitFor(
                "TIMAddRecvNewMsgCallback",
                "the join tip message",
                u.messages((m) => {
                    const e = elemOf(m, kTIMElem_GroupTips);
                    return e && e.group_tips_elem_group_id === groupId && e.group_tips_elem_tip_type === kTIMGroupTip_Invite;
                }),
            );
            assert.equal(msg.message_conv_id, groupId);
            assert.equal(msg.message_conv_type, kTIMConv_Group);
            assert.deepEqual(elemOf(msg, kTIMElem_GroupTips).group_tips_elem_user_array, ["bob"]);
        }
    });

    const texts = { alice: "héllo 世界", bob: "bonjour alice 👋, ça va? ñ" };
    await step("alice and bob message each other (TIMMsgSendMessageV2), non-ASCII intact", async () => {
        for (const [from, to] of [
            [alice, bob],
            [bob, alice],
        ]) {
            const text = texts[from.name];
            const id = await from.call("TIMMsgSendMessageV2", {
                conv_id: groupId,
                conv_type: kTIMConv_Group,
                params: { message_elem_array: [{ elem_type: kTIMElem_Text, text_elem_content: text }] },
                callback: "$callback",
            });
            // The promise resolves with the message ID the library wrote in message_id_buffer.
            assert.equal(typeof id, "string");
            const sent = await from.waitFor("TIMMsgSendMessageV2", `the send callback of "${text}"`, (args) => {
                // [{code, desc, json_param, json_params, user_data}, user_data]
                const r = args[0][0];
                if (r.code !== 0) throw new Error(`${from.name}'s send failed: ${JSON.stringify(r)}`);
                const m = JSON.parse(r.json_param);
                return elemOf(m, kTIMElem_Text)?.text_elem_content === text ? m : undefined;
            });
            assert.equal(sent.message_sender, from.name);
            assert.equal(sent.message_conv_id, groupId);
            assert.equal(sent.message_msg_id, id, "message_id_buffer holds the sent message's ID");

            const got = await to.waitFor(
                "TIMAddRecvNewMsgCallback",
                `"${text}"`,
                to.messages((m) => elemOf(m, kTIMElem_Text)?.text_elem_content === text),
            );
            assert.equal(got.message_sender, from.name);
            assert.equal(got.message_conv_id, groupId);
            assert.equal(got.message_conv_type, kTIMConv_Group);
            assert.equal(got.message_msg_id, sent.message_msg_id);
            assert.equal(typeof got.message_seq, "number");
            assert.equal(typeof got.message_server_time, "number");
            assert.equal(got.message_is_from_self, false);
        }
    });

    await step("the history (TIMMsgGetMsgList) and conversation list (TIMConvGetConvList) show them", async () => {
        for (const u of users) {
            const history = await u.call("TIMMsgGetMsgList", {
                conv_id: groupId,
                conv_type: kTIMConv_Group,
                params: { msg_getmsglist_param_count: 20 },
            });
            assert.equal(history.code, 0, JSON.stringify(history));
            assert.ok(Array.isArray(history.json_params), "the SDK parsed the history");
            const said = history.json_params.map((m) => elemOf(m, kTIMElem_Text)?.text_elem_content).filter(Boolean);
            assert.deepEqual(said.sort(), Object.values(texts).sort(), `${u.name}'s history`);

            const convs = await u.call("TIMConvGetConvList", {});
            assert.equal(convs.code, 0, JSON.stringify(convs));
            const conv = convs.json_param.find((c) => c.conv_id === groupId);
            assert.ok(conv, `${u.name} has the group's conversation: ${JSON.stringify(convs.json_param)}`);
            assert.equal(conv.conv_type, kTIMConv_Group);
        }
    });

    await step("bob quits (TIMGroupQuit); alice hears the quit tip", async () => {
        const quit = await bob.call("TIMGroupQuit", { groupId });
        assert.equal(quit.code, 0, JSON.stringify(quit));
        const tip = await alice.waitFor("TIMSetGroupTipsEventCallback", "the quit tip", (args) => {
            const tip = JSON.parse(args[0][0]);
            return tip.group_tips_elem_group_id === groupId && tip.group_tips_elem_tip_type === kTIMGroupTip_Quit ? tip : undefined;
        });
        assert.deepEqual(tip.group_tips_elem_user_array, ["bob"]);
        assert.equal(tip.group_tips_elem_member_num, 1);
        const mine = await bob.call("TIMGroupGetJoinedGroupList");
        assert.ok(!mine.json_param.some((g) => g.group_base_info_group_id === groupId), JSON.stringify(mine));
    });

    await step("no parse errors or console errors in im_electron_sdk; TIMLogout and TimMain's destroy end cleanly", async () => {
        for (const u of users) {
            const bad = u.events.filter((e) => e.event === "parse_error" || e.event === "console_error");
            assert.deepEqual(bad, [], `${u.name}'s SDK reported errors`);
            assert.doesNotMatch(u.output, /some errors/, `${u.name}'s SDK logged a failed call`);
            assert.equal(await u.call("TIMGetLoginStatus"), kTIMLoginStatus_Logined);
            // TimRender's TIMLogout unsets some forty listeners, then logs out. Its
            // answer is always {}: dist/main.js declares TIMLogout's return void
            // (retType Void, Tencent's is int) and so rejects with {code: undefined},
            // which the IPC turns into {}. So the status tells whether it worked.
            assert.deepEqual(await u.call("TIMLogout", {}), {});
            let status;
            for (let i = 0; i < 50 && status !== kTIMLoginStatus_UnLogined; i++) {
                if (i > 0) await new Promise((r) => setTimeout(r, 100));
                status = await u.call("TIMGetLoginStatus");
            }
            assert.equal(status, kTIMLoginStatus_UnLogined, `${u.name} is logged out`);
        }
        for (const u of users) assert.equal(await u.exit(), 0, `${u.name}'s process exits 0\n${u.output}`);
    });
});
