<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>Accountability</name>
    <message>
        <location filename="../widgets/detail/accountability_bar.py" line="25"/>
        <source>not ours</source>
        <translation>不属本部门</translation>
    </message>
    <message>
        <location filename="../widgets/detail/accountability_bar.py" line="26"/>
        <source>wrong place</source>
        <translation>地点有误</translation>
    </message>
    <message>
        <location filename="../widgets/detail/accountability_bar.py" line="27"/>
        <source>needs another department</source>
        <translation>需其他部门处置</translation>
    </message>
    <message>
        <location filename="../widgets/detail/accountability_bar.py" line="30"/>
        <source>warning</source>
        <translation>提醒</translation>
    </message>
    <message>
        <location filename="../widgets/detail/accountability_bar.py" line="31"/>
        <source>overdue</source>
        <translation>超时</translation>
    </message>
    <message>
        <location filename="../widgets/detail/accountability_bar.py" line="32"/>
        <source>escalated</source>
        <translation>已升级</translation>
    </message>
</context>
<context>
    <name>AccountabilityBar</name>
    <message>
        <location filename="../widgets/detail/accountability_bar.py" line="63"/>
        <source>Return case…</source>
        <translation>退回案件…</translation>
    </message>
    <message>
        <location filename="../widgets/detail/accountability_bar.py" line="64"/>
        <source>Arbitrate…</source>
        <translation>仲裁…</translation>
    </message>
    <message>
        <location filename="../widgets/detail/accountability_bar.py" line="69"/>
        <source>Acknowledge</source>
        <translation>确认收到</translation>
    </message>
    <message>
        <location filename="../widgets/detail/accountability_bar.py" line="113"/>
        <source> (suggests %1)</source>
        <translation>（建议 %1）</translation>
    </message>
    <message>
        <location filename="../widgets/detail/accountability_bar.py" line="115"/>
        <source>⚖ Returned by %1: %2%3 — “%4”. Arbitration due %5.</source>
        <translation>⚖ 由 %1 退回：%2%3 —“%4”。仲裁期限 %5。</translation>
    </message>
    <message>
        <location filename="../widgets/detail/accountability_bar.py" line="128"/>
        <source>Last return %1 by %2: with %3.</source>
        <translation>上次退回：%1，由 %2 裁定，归 %3。</translation>
    </message>
    <message>
        <location filename="../widgets/detail/accountability_bar.py" line="138"/>
        <source>Return the case for arbitration</source>
        <translation>退回案件，提交仲裁</translation>
    </message>
    <message>
        <location filename="../widgets/detail/accountability_bar.py" line="144"/>
        <source>Give the case to the chosen department</source>
        <translation>将案件交给所选部门</translation>
    </message>
    <message>
        <location filename="../widgets/detail/accountability_bar.py" line="149"/>
        <source>⚠ L%1 %2 on %3 since %4</source>
        <translation>⚠ %1 级 %2：%3 阶段，自 %4</translation>
    </message>
    <message>
        <location filename="../widgets/detail/accountability_bar.py" line="175"/>
        <source>Return %1 (%2) — reason:</source>
        <translation>退回 %1（%2）— 原因：</translation>
    </message>
    <message>
        <location filename="../widgets/detail/accountability_bar.py" line="191"/>
        <source>Give %1 to %2 — reason:</source>
        <translation>将 %1 交给 %2 — 原因：</translation>
    </message>
</context>
<context>
    <name>AccountsTab</name>
    <message>
        <location filename="../widgets/admin/accounts_tab.py" line="33"/>
        <source>User</source>
        <translation>用户</translation>
    </message>
    <message>
        <location filename="../widgets/admin/accounts_tab.py" line="33"/>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location filename="../widgets/admin/accounts_tab.py" line="33"/>
        <location filename="../widgets/admin/accounts_tab.py" line="53"/>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <location filename="../widgets/admin/accounts_tab.py" line="33"/>
        <source>Agency</source>
        <translation>部门</translation>
    </message>
    <message>
        <location filename="../widgets/admin/accounts_tab.py" line="33"/>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../widgets/admin/accounts_tab.py" line="47"/>
        <source>G-04-07, G-04-08</source>
        <translation>G-04-07, G-04-08</translation>
    </message>
    <message>
        <location filename="../widgets/admin/accounts_tab.py" line="51"/>
        <source>User name</source>
        <translation>用户名</translation>
    </message>
    <message>
        <location filename="../widgets/admin/accounts_tab.py" line="52"/>
        <source>Display name</source>
        <translation>显示名称</translation>
    </message>
    <message>
        <location filename="../widgets/admin/accounts_tab.py" line="54"/>
        <source>Agency (liaisons)</source>
        <translation>部门（联络员）</translation>
    </message>
    <message>
        <location filename="../widgets/admin/accounts_tab.py" line="55"/>
        <source>Grid cells (inspectors)</source>
        <translation>网格（巡查员）</translation>
    </message>
    <message>
        <location filename="../widgets/admin/accounts_tab.py" line="56"/>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <location filename="../widgets/admin/accounts_tab.py" line="60"/>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <location filename="../widgets/admin/accounts_tab.py" line="61"/>
        <source>Create</source>
        <translation>创建</translation>
    </message>
    <message>
        <location filename="../widgets/admin/accounts_tab.py" line="62"/>
        <source>Set password</source>
        <translation>设置密码</translation>
    </message>
    <message>
        <location filename="../widgets/admin/accounts_tab.py" line="63"/>
        <source>Disable</source>
        <translation>停用</translation>
    </message>
    <message>
        <location filename="../widgets/admin/accounts_tab.py" line="64"/>
        <source>Enable</source>
        <translation>启用</translation>
    </message>
    <message>
        <location filename="../widgets/admin/accounts_tab.py" line="65"/>
        <source>Set cells</source>
        <translation>设置网格</translation>
    </message>
    <message>
        <location filename="../widgets/admin/accounts_tab.py" line="66"/>
        <source>Sign out everywhere</source>
        <translation>在所有席位签退</translation>
    </message>
    <message>
        <location filename="../widgets/admin/accounts_tab.py" line="102"/>
        <source>Accounts live on the server: not available here</source>
        <translation>账户保存在服务器上：此处不可用</translation>
    </message>
    <message>
        <location filename="../widgets/admin/accounts_tab.py" line="123"/>
        <source>%1: %2 done</source>
        <translation>%1：%2 已完成</translation>
    </message>
    <message>
        <location filename="../widgets/admin/accounts_tab.py" line="131"/>
        <source>Refused: %1</source>
        <translation>被拒绝：%1</translation>
    </message>
    <message>
        <location filename="../widgets/admin/accounts_tab.py" line="136"/>
        <source>disabled</source>
        <translation>已停用</translation>
    </message>
    <message>
        <location filename="../widgets/admin/accounts_tab.py" line="136"/>
        <source>active</source>
        <translation>启用中</translation>
    </message>
</context>
<context>
    <name>AdminForm</name>
    <message>
        <location filename="../widgets/admin/admin_form.py" line="67"/>
        <source>Not saved: %1</source>
        <translation>未保存：%1</translation>
    </message>
</context>
<context>
    <name>AdminPanel</name>
    <message>
        <location filename="../widgets/admin/admin_panel.py" line="51"/>
        <source>Accounts</source>
        <translation>账户</translation>
    </message>
    <message>
        <location filename="../widgets/admin/admin_panel.py" line="52"/>
        <source>Agencies and stations</source>
        <translation>部门与驻地</translation>
    </message>
    <message>
        <location filename="../widgets/admin/admin_panel.py" line="53"/>
        <source>Units</source>
        <translation>单元</translation>
    </message>
    <message>
        <location filename="../widgets/admin/admin_panel.py" line="54"/>
        <source>Cameras</source>
        <translation>摄像头</translation>
    </message>
    <message>
        <location filename="../widgets/admin/admin_panel.py" line="55"/>
        <source>Open311 keys</source>
        <translation>Open311 密钥</translation>
    </message>
    <message>
        <location filename="../widgets/admin/admin_panel.py" line="56"/>
        <source>Sessions</source>
        <translation>会话</translation>
    </message>
    <message>
        <location filename="../widgets/admin/admin_panel.py" line="57"/>
        <source>Case library</source>
        <translation>案件分类库</translation>
    </message>
    <message>
        <location filename="../widgets/admin/admin_panel.py" line="59"/>
        <source>Alert feeds</source>
        <translation>预警订阅源</translation>
    </message>
</context>
<context>
    <name>Agencies</name>
    <message>
        <location filename="../app/console/words.py" line="55"/>
        <source>Fire</source>
        <translation>消防</translation>
    </message>
    <message>
        <location filename="../app/console/words.py" line="56"/>
        <source>Police</source>
        <translation>公安</translation>
    </message>
    <message>
        <location filename="../app/console/words.py" line="57"/>
        <source>Medical</source>
        <translation>医疗急救</translation>
    </message>
    <message>
        <location filename="../app/console/words.py" line="58"/>
        <source>Public Works</source>
        <translation>市政工程</translation>
    </message>
    <message>
        <location filename="../app/console/words.py" line="59"/>
        <source>Water</source>
        <translation>供水</translation>
    </message>
    <message>
        <location filename="../app/console/words.py" line="60"/>
        <source>Traffic</source>
        <translation>交通</translation>
    </message>
    <message>
        <location filename="../app/console/words.py" line="61"/>
        <source>Sanitation</source>
        <translation>环卫</translation>
    </message>
    <message>
        <location filename="../app/console/words.py" line="62"/>
        <source>Power</source>
        <translation>供电</translation>
    </message>
    <message>
        <location filename="../app/console/words.py" line="63"/>
        <source>City Inspection</source>
        <translation>城管执法</translation>
    </message>
    <message>
        <location filename="../app/console/words.py" line="64"/>
        <source>Parks</source>
        <translation>园林绿化</translation>
    </message>
</context>
<context>
    <name>AgenciesTab</name>
    <message>
        <location filename="../widgets/admin/agencies_tab.py" line="30"/>
        <source>Id</source>
        <translation>编号</translation>
    </message>
    <message>
        <location filename="../widgets/admin/agencies_tab.py" line="31"/>
        <location filename="../widgets/admin/agencies_tab.py" line="49"/>
        <location filename="../widgets/admin/agencies_tab.py" line="63"/>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location filename="../widgets/admin/agencies_tab.py" line="32"/>
        <location filename="../widgets/admin/agencies_tab.py" line="50"/>
        <source>Chinese name</source>
        <translation>中文名称</translation>
    </message>
    <message>
        <location filename="../widgets/admin/agencies_tab.py" line="33"/>
        <location filename="../widgets/admin/agencies_tab.py" line="51"/>
        <source>Colour</source>
        <translation>颜色</translation>
    </message>
    <message>
        <location filename="../widgets/admin/agencies_tab.py" line="34"/>
        <source>Head</source>
        <translation>负责人</translation>
    </message>
    <message>
        <location filename="../widgets/admin/agencies_tab.py" line="35"/>
        <source>Stations</source>
        <translation>驻地</translation>
    </message>
    <message>
        <location filename="../widgets/admin/agencies_tab.py" line="41"/>
        <source>short code, e.g. parks</source>
        <translation>简码，例如 parks</translation>
    </message>
    <message>
        <location filename="../widgets/admin/agencies_tab.py" line="46"/>
        <source>account told when a case escalates</source>
        <translation>案件升级时通知的账号</translation>
    </message>
    <message>
        <location filename="../widgets/admin/agencies_tab.py" line="48"/>
        <source>Agency id</source>
        <translation>部门编号</translation>
    </message>
    <message>
        <location filename="../widgets/admin/agencies_tab.py" line="52"/>
        <source>Department head</source>
        <translation>部门负责人</translation>
    </message>
    <message>
        <location filename="../widgets/admin/agencies_tab.py" line="53"/>
        <source>Save agency</source>
        <translation>保存部门</translation>
    </message>
    <message>
        <location filename="../widgets/admin/agencies_tab.py" line="54"/>
        <source>Retire agency</source>
        <translation>停用部门</translation>
    </message>
    <message>
        <location filename="../widgets/admin/agencies_tab.py" line="63"/>
        <source>Station</source>
        <translation>驻地</translation>
    </message>
    <message>
        <location filename="../widgets/admin/agencies_tab.py" line="63"/>
        <source>Latitude</source>
        <translation>纬度</translation>
    </message>
    <message>
        <location filename="../widgets/admin/agencies_tab.py" line="63"/>
        <source>Longitude</source>
        <translation>经度</translation>
    </message>
    <message>
        <location filename="../widgets/admin/agencies_tab.py" line="72"/>
        <source>Station id</source>
        <translation>驻地编号</translation>
    </message>
    <message>
        <location filename="../widgets/admin/agencies_tab.py" line="73"/>
        <source>Station name</source>
        <translation>驻地名称</translation>
    </message>
    <message>
        <location filename="../widgets/admin/agencies_tab.py" line="77"/>
        <source>Position (lat, lon)</source>
        <translation>位置（纬度，经度）</translation>
    </message>
    <message>
        <location filename="../widgets/admin/agencies_tab.py" line="78"/>
        <source>Save station</source>
        <translation>保存驻地</translation>
    </message>
    <message>
        <location filename="../widgets/admin/agencies_tab.py" line="80"/>
        <source>Retire station</source>
        <translation>停用驻地</translation>
    </message>
    <message>
        <location filename="../widgets/admin/agencies_tab.py" line="160"/>
        <source>Agency %1 sent</source>
        <translation>部门 %1 已发送</translation>
    </message>
    <message>
        <location filename="../widgets/admin/agencies_tab.py" line="165"/>
        <source>Retiring agency %1</source>
        <translation>正在停用部门 %1</translation>
    </message>
    <message>
        <location filename="../widgets/admin/agencies_tab.py" line="179"/>
        <source>Station %1 sent</source>
        <translation>驻地 %1 已发送</translation>
    </message>
    <message>
        <location filename="../widgets/admin/agencies_tab.py" line="186"/>
        <source>Retiring station %1</source>
        <translation>正在停用驻地 %1</translation>
    </message>
</context>
<context>
    <name>AlertAreaView</name>
    <message>
        <location filename="../widgets/alerts/area_view.py" line="61"/>
        <source>No alert selected</source>
        <translation>未选择预警</translation>
    </message>
    <message>
        <location filename="../widgets/alerts/area_view.py" line="63"/>
        <source>This alert names places by code only (no drawable area)</source>
        <translation>此预警仅以代码指明地点（无可绘制区域）</translation>
    </message>
</context>
<context>
    <name>AlertPanel</name>
    <message>
        <location filename="../widgets/alerts/alert_panel.py" line="25"/>
        <source>Event</source>
        <translation>事件</translation>
    </message>
    <message>
        <location filename="../widgets/alerts/alert_panel.py" line="26"/>
        <source>Severity</source>
        <translation>严重程度</translation>
    </message>
    <message>
        <location filename="../widgets/alerts/alert_panel.py" line="27"/>
        <source>Urgency</source>
        <translation>紧急程度</translation>
    </message>
    <message>
        <location filename="../widgets/alerts/alert_panel.py" line="28"/>
        <source>Certainty</source>
        <translation>确定性</translation>
    </message>
    <message>
        <location filename="../widgets/alerts/alert_panel.py" line="29"/>
        <source>Expires</source>
        <translation>失效时间</translation>
    </message>
    <message>
        <location filename="../widgets/alerts/alert_panel.py" line="30"/>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../widgets/alerts/alert_panel.py" line="31"/>
        <source>Sender</source>
        <translation>发布方</translation>
    </message>
    <message>
        <location filename="../widgets/alerts/alert_panel.py" line="36"/>
        <source>Extreme</source>
        <translation>极端</translation>
    </message>
    <message>
        <location filename="../widgets/alerts/alert_panel.py" line="37"/>
        <source>Severe</source>
        <translation>严重</translation>
    </message>
    <message>
        <location filename="../widgets/alerts/alert_panel.py" line="38"/>
        <source>Moderate</source>
        <translation>中等</translation>
    </message>
    <message>
        <location filename="../widgets/alerts/alert_panel.py" line="39"/>
        <source>Minor</source>
        <translation>轻微</translation>
    </message>
    <message>
        <location filename="../widgets/alerts/alert_panel.py" line="40"/>
        <source>Unknown</source>
        <translation>未知</translation>
    </message>
    <message>
        <location filename="../widgets/alerts/alert_panel.py" line="47"/>
        <source>cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <location filename="../widgets/alerts/alert_panel.py" line="49"/>
        <source>expired</source>
        <translation>已过期</translation>
    </message>
    <message>
        <location filename="../widgets/alerts/alert_panel.py" line="50"/>
        <source>active</source>
        <translation>生效中</translation>
    </message>
    <message>
        <location filename="../widgets/alerts/alert_panel.py" line="65"/>
        <source>Public warnings</source>
        <translation>公众预警</translation>
    </message>
    <message>
        <location filename="../widgets/alerts/alert_panel.py" line="99"/>
        <source>Instruction to the public</source>
        <translation>对公众的指引</translation>
    </message>
    <message>
        <location filename="../widgets/alerts/alert_panel.py" line="101"/>
        <source>Issue warning for the selected incident</source>
        <translation>为所选案件发布预警</translation>
    </message>
    <message>
        <location filename="../widgets/alerts/alert_panel.py" line="103"/>
        <source>Cancel warning</source>
        <translation>撤销预警</translation>
    </message>
    <message>
        <location filename="../widgets/alerts/alert_panel.py" line="107"/>
        <source>Radius</source>
        <translation>半径</translation>
    </message>
    <message numerus="yes">
        <location filename="../widgets/alerts/alert_panel.py" line="160"/>
        <source>%n active</source>
        <translation>
            <numerusform>%n 条生效中</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../widgets/alerts/alert_panel.py" line="177"/>
        <source>No public warnings held.</source>
        <translation>暂无公众预警。</translation>
    </message>
    <message>
        <location filename="../widgets/alerts/alert_panel.py" line="187"/>
        <source>From: %1</source>
        <translation>来自：%1</translation>
    </message>
    <message>
        <location filename="../widgets/alerts/alert_panel.py" line="188"/>
        <source>Areas: %1</source>
        <translation>区域：%1</translation>
    </message>
    <message>
        <location filename="../widgets/alerts/alert_panel.py" line="191"/>
        <source>Instruction: %1</source>
        <translation>指引：%1</translation>
    </message>
    <message>
        <location filename="../widgets/alerts/alert_panel.py" line="192"/>
        <location filename="../widgets/alerts/alert_panel.py" line="198"/>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <location filename="../widgets/alerts/alert_panel.py" line="193"/>
        <source>Incidents inside: %1</source>
        <translation>区域内案件：%1</translation>
    </message>
    <message>
        <location filename="../widgets/alerts/alert_panel.py" line="195"/>
        <source>Units inside: %1</source>
        <translation>区域内单位：%1</translation>
    </message>
    <message>
        <location filename="../widgets/alerts/alert_panel.py" line="198"/>
        <source>Suggested linkage: %1</source>
        <translation>建议联动：%1</translation>
    </message>
    <message>
        <location filename="../widgets/alerts/alert_panel.py" line="232"/>
        <source>Select an incident first</source>
        <translation>请先选择一个案件</translation>
    </message>
    <message>
        <location filename="../widgets/alerts/alert_panel.py" line="233"/>
        <source>Select one of our warnings</source>
        <translation>请选择本中心发布的预警</translation>
    </message>
</context>
<context>
    <name>ApiKeysTab</name>
    <message>
        <location filename="../widgets/admin/api_keys_tab.py" line="35"/>
        <location filename="../widgets/admin/api_keys_tab.py" line="51"/>
        <source>Application</source>
        <translation>应用</translation>
    </message>
    <message>
        <location filename="../widgets/admin/api_keys_tab.py" line="36"/>
        <source>Key begins</source>
        <translation>密钥开头</translation>
    </message>
    <message>
        <location filename="../widgets/admin/api_keys_tab.py" line="37"/>
        <source>Created</source>
        <translation>创建时间</translation>
    </message>
    <message>
        <location filename="../widgets/admin/api_keys_tab.py" line="38"/>
        <source>Revoked</source>
        <translation>吊销时间</translation>
    </message>
    <message>
        <location filename="../widgets/admin/api_keys_tab.py" line="46"/>
        <source>application name, e.g. fixit-app</source>
        <translation>应用名称，例如 fixit-app</translation>
    </message>
    <message>
        <location filename="../widgets/admin/api_keys_tab.py" line="49"/>
        <source>a new key appears here once</source>
        <translation>新密钥只在此显示一次</translation>
    </message>
    <message>
        <location filename="../widgets/admin/api_keys_tab.py" line="52"/>
        <source>New key</source>
        <translation>新密钥</translation>
    </message>
    <message>
        <location filename="../widgets/admin/api_keys_tab.py" line="56"/>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <location filename="../widgets/admin/api_keys_tab.py" line="57"/>
        <source>Create key</source>
        <translation>创建密钥</translation>
    </message>
    <message>
        <location filename="../widgets/admin/api_keys_tab.py" line="58"/>
        <source>Revoke key</source>
        <translation>吊销密钥</translation>
    </message>
    <message>
        <location filename="../widgets/admin/api_keys_tab.py" line="79"/>
        <source>Keys live on the server: not available here</source>
        <translation>密钥保存在服务器上：此处不可用</translation>
    </message>
    <message>
        <location filename="../widgets/admin/api_keys_tab.py" line="88"/>
        <source>Key for %1 created: copy it now, it is not shown again</source>
        <translation>已为 %1 创建密钥：请立即复制，之后不再显示</translation>
    </message>
    <message>
        <location filename="../widgets/admin/api_keys_tab.py" line="95"/>
        <source>The key of %1 is revoked</source>
        <translation>%1 的密钥已吊销</translation>
    </message>
    <message>
        <location filename="../widgets/admin/api_keys_tab.py" line="99"/>
        <source>Refused: %1</source>
        <translation>被拒绝：%1</translation>
    </message>
</context>
<context>
    <name>AuditModel</name>
    <message>
        <location filename="../app/models/audit_model.py" line="30"/>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <location filename="../app/models/audit_model.py" line="31"/>
        <source>Person</source>
        <translation>人员</translation>
    </message>
    <message>
        <location filename="../app/models/audit_model.py" line="32"/>
        <source>Desk</source>
        <translation>席位</translation>
    </message>
    <message>
        <location filename="../app/models/audit_model.py" line="33"/>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <location filename="../app/models/audit_model.py" line="34"/>
        <source>Command / action</source>
        <translation>指令 / 操作</translation>
    </message>
    <message>
        <location filename="../app/models/audit_model.py" line="35"/>
        <source>Incident</source>
        <translation>案件</translation>
    </message>
    <message>
        <location filename="../app/models/audit_model.py" line="36"/>
        <source>Outcome</source>
        <translation>结果</translation>
    </message>
    <message>
        <location filename="../app/models/audit_model.py" line="37"/>
        <source>Detail</source>
        <translation>详情</translation>
    </message>
</context>
<context>
    <name>AuditViewer</name>
    <message>
        <location filename="../widgets/audit/audit_viewer.py" line="44"/>
        <source>person</source>
        <translation>人员</translation>
    </message>
    <message>
        <location filename="../widgets/audit/audit_viewer.py" line="45"/>
        <source>desk</source>
        <translation>席位</translation>
    </message>
    <message>
        <location filename="../widgets/audit/audit_viewer.py" line="46"/>
        <source>incident number</source>
        <translation>案件编号</translation>
    </message>
    <message>
        <location filename="../widgets/audit/audit_viewer.py" line="47"/>
        <source>command type</source>
        <translation>指令类型</translation>
    </message>
    <message>
        <location filename="../widgets/audit/audit_viewer.py" line="53"/>
        <source>all</source>
        <translation>全部</translation>
    </message>
    <message>
        <location filename="../widgets/audit/audit_viewer.py" line="54"/>
        <source>accepted</source>
        <translation>已接受</translation>
    </message>
    <message>
        <location filename="../widgets/audit/audit_viewer.py" line="55"/>
        <source>refused</source>
        <translation>被拒绝</translation>
    </message>
    <message>
        <location filename="../widgets/audit/audit_viewer.py" line="64"/>
        <source>List</source>
        <translation>列出</translation>
    </message>
    <message>
        <location filename="../widgets/audit/audit_viewer.py" line="66"/>
        <source>Export CSV…</source>
        <translation>导出 CSV…</translation>
    </message>
    <message>
        <location filename="../widgets/audit/audit_viewer.py" line="108"/>
        <source>asking the server…</source>
        <translation>正在查询服务器…</translation>
    </message>
    <message>
        <location filename="../widgets/audit/audit_viewer.py" line="114"/>
        <source>Not listed: %1</source>
        <translation>无法列出：%1</translation>
    </message>
    <message numerus="yes">
        <location filename="../widgets/audit/audit_viewer.py" line="116"/>
        <source>%n row(s)</source>
        <translation>
            <numerusform>%n 行</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../widgets/audit/audit_viewer.py" line="121"/>
        <source>Export the audit rows</source>
        <translation>导出审计记录</translation>
    </message>
    <message>
        <location filename="../widgets/audit/audit_viewer.py" line="130"/>
        <source>Exported %1 row(s) to %2</source>
        <translation>已导出 %1 行到 %2</translation>
    </message>
</context>
<context>
    <name>Breakdown</name>
    <message>
        <location filename="../app/models/evaluation_breakdown_model.py" line="22"/>
        <source>Department</source>
        <translation>部门</translation>
    </message>
    <message>
        <location filename="../app/models/evaluation_breakdown_model.py" line="23"/>
        <source>Grid cell</source>
        <translation>网格</translation>
    </message>
    <message>
        <location filename="../app/models/evaluation_breakdown_model.py" line="24"/>
        <source>Neighbourhood</source>
        <translation>社区</translation>
    </message>
    <message>
        <location filename="../app/models/evaluation_breakdown_model.py" line="25"/>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <location filename="../app/models/evaluation_breakdown_model.py" line="26"/>
        <source>Source</source>
        <translation>来源</translation>
    </message>
    <message>
        <location filename="../app/models/evaluation_breakdown_model.py" line="27"/>
        <source>Priority</source>
        <translation>优先级</translation>
    </message>
    <message>
        <location filename="../app/models/evaluation_breakdown_model.py" line="28"/>
        <source>Operator</source>
        <translation>操作员</translation>
    </message>
    <message>
        <location filename="../app/models/evaluation_breakdown_model.py" line="29"/>
        <source>Shift</source>
        <translation>班次</translation>
    </message>
    <message>
        <location filename="../app/models/evaluation_breakdown_model.py" line="30"/>
        <source>Day</source>
        <translation>日</translation>
    </message>
    <message>
        <location filename="../app/models/evaluation_breakdown_model.py" line="31"/>
        <source>Week</source>
        <translation>周</translation>
    </message>
    <message>
        <location filename="../app/models/evaluation_breakdown_model.py" line="32"/>
        <source>Month</source>
        <translation>月</translation>
    </message>
    <message>
        <location filename="../app/models/evaluation_breakdown_model.py" line="36"/>
        <source>Group</source>
        <translation>分组</translation>
    </message>
    <message>
        <location filename="../app/models/evaluation_breakdown_model.py" line="37"/>
        <source>Cases</source>
        <translation>案件数</translation>
    </message>
    <message>
        <location filename="../app/models/evaluation_breakdown_model.py" line="38"/>
        <source>Score</source>
        <translation>得分</translation>
    </message>
    <message>
        <location filename="../app/models/evaluation_breakdown_model.py" line="39"/>
        <source>Handled</source>
        <translation>已处置</translation>
    </message>
    <message>
        <location filename="../app/models/evaluation_breakdown_model.py" line="40"/>
        <source>On time</source>
        <translation>按时</translation>
    </message>
    <message>
        <location filename="../app/models/evaluation_breakdown_model.py" line="41"/>
        <source>Rework</source>
        <translation>返工</translation>
    </message>
    <message>
        <location filename="../app/models/evaluation_breakdown_model.py" line="42"/>
        <source>Overdue open</source>
        <translation>超期未结</translation>
    </message>
    <message>
        <location filename="../app/models/evaluation_breakdown_model.py" line="43"/>
        <source>Dispatch p50</source>
        <translation>派遣 p50</translation>
    </message>
    <message>
        <location filename="../app/models/evaluation_breakdown_model.py" line="44"/>
        <source>Dispatch p90</source>
        <translation>派遣 p90</translation>
    </message>
    <message>
        <location filename="../app/models/evaluation_breakdown_model.py" line="45"/>
        <source>≤ 60 s</source>
        <translation>≤ 60 秒</translation>
    </message>
</context>
<context>
    <name>Briefing</name>
    <message>
        <location filename="../app/reports/briefing.py" line="23"/>
        <source>Incident commander</source>
        <translation>现场总指挥</translation>
    </message>
    <message>
        <location filename="../app/reports/briefing.py" line="24"/>
        <source>Operations</source>
        <translation>行动组</translation>
    </message>
    <message>
        <location filename="../app/reports/briefing.py" line="25"/>
        <source>Planning</source>
        <translation>计划组</translation>
    </message>
    <message>
        <location filename="../app/reports/briefing.py" line="26"/>
        <source>Logistics</source>
        <translation>后勤组</translation>
    </message>
    <message>
        <location filename="../app/reports/briefing.py" line="27"/>
        <source>Liaison</source>
        <translation>联络官</translation>
    </message>
    <message>
        <location filename="../app/reports/briefing.py" line="28"/>
        <source>Safety</source>
        <translation>安全官</translation>
    </message>
    <message>
        <location filename="../app/reports/briefing.py" line="29"/>
        <source>Public information</source>
        <translation>新闻发布官</translation>
    </message>
    <message>
        <location filename="../app/reports/briefing.py" line="78"/>
        <source>%1 · %2 · P%3 · %4 · declared %5 by %6 · operational period %7 since %8 · printed %9</source>
        <translation>%1 · %2 · P%3 · %4 · %5 由 %6 宣布 · 第 %7 行动周期，自 %8 起 · 打印于 %9</translation>
    </message>
    <message>
        <location filename="../app/reports/briefing.py" line="102"/>
        <source>Grouped incident</source>
        <translation>归并事件</translation>
    </message>
    <message>
        <location filename="../app/reports/briefing.py" line="103"/>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <location filename="../app/reports/briefing.py" line="104"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../app/reports/briefing.py" line="105"/>
        <source>Where</source>
        <translation>地点</translation>
    </message>
    <message>
        <location filename="../app/reports/briefing.py" line="118"/>
        <source>Period</source>
        <translation>周期</translation>
    </message>
    <message>
        <location filename="../app/reports/briefing.py" line="119"/>
        <source>Objective</source>
        <translation>目标</translation>
    </message>
    <message>
        <location filename="../app/reports/briefing.py" line="120"/>
        <source>Met</source>
        <translation>已达成</translation>
    </message>
    <message>
        <location filename="../app/reports/briefing.py" line="123"/>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <location filename="../app/reports/briefing.py" line="129"/>
        <source>none set</source>
        <translation>未设定</translation>
    </message>
    <message>
        <location filename="../app/reports/briefing.py" line="132"/>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <location filename="../app/reports/briefing.py" line="132"/>
        <source>Person</source>
        <translation>人员</translation>
    </message>
    <message>
        <location filename="../app/reports/briefing.py" line="133"/>
        <source>vacant</source>
        <translation>空缺</translation>
    </message>
    <message>
        <location filename="../app/reports/briefing.py" line="141"/>
        <source>Agency</source>
        <translation>部门</translation>
    </message>
    <message>
        <location filename="../app/reports/briefing.py" line="142"/>
        <source>Units on scene or assigned</source>
        <translation>在场或已派单位</translation>
    </message>
    <message>
        <location filename="../app/reports/briefing.py" line="143"/>
        <source>Requested, not yet sent</source>
        <translation>已请求、尚未派出</translation>
    </message>
    <message>
        <location filename="../app/reports/briefing.py" line="155"/>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <location filename="../app/reports/briefing.py" line="160"/>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <location filename="../app/reports/briefing.py" line="161"/>
        <source>Who</source>
        <translation>人员</translation>
    </message>
    <message>
        <location filename="../app/reports/briefing.py" line="162"/>
        <source>Entry</source>
        <translation>记录</translation>
    </message>
</context>
<context>
    <name>CameraListModel</name>
    <message>
        <location filename="../widgets/video/camera_model.py" line="140"/>
        <source>Replay: its recording at the replay&apos;s time</source>
        <translation>回放：显示该摄像机在回放时刻的录像</translation>
    </message>
    <message>
        <location filename="../widgets/video/camera_model.py" line="144"/>
        <source>Replay: no recording of this camera</source>
        <translation>回放：该摄像机没有录像</translation>
    </message>
    <message>
        <location filename="../widgets/video/camera_model.py" line="153"/>
        <source>no recording</source>
        <translation>无录像</translation>
    </message>
</context>
<context>
    <name>CameraListWidget</name>
    <message>
        <location filename="../widgets/video/camera_list.py" line="54"/>
        <source>Filter cameras…</source>
        <translation>筛选摄像头…</translation>
    </message>
    <message>
        <location filename="../widgets/video/camera_list.py" line="110"/>
        <source>Select an incident to see the cameras that cover it.</source>
        <translation>选择一个事件，查看覆盖它的摄像头。</translation>
    </message>
    <message>
        <location filename="../widgets/video/camera_list.py" line="120"/>
        <source>Incident %1: %2 camera(s) cover it (bold, nearest first). Press F or “Fill wall” to show them.</source>
        <translation>事件 %1：有 %2 个摄像头覆盖（粗体，由近及远）。按 F 或“填充视频墙”显示。</translation>
    </message>
    <message>
        <location filename="../widgets/video/camera_list.py" line="126"/>
        <source>Incident %1: no camera covers its location.</source>
        <translation>事件 %1：没有摄像头覆盖该位置。</translation>
    </message>
</context>
<context>
    <name>CamerasTab</name>
    <message>
        <location filename="../widgets/admin/cameras_tab.py" line="43"/>
        <source>Camera</source>
        <translation>摄像头</translation>
    </message>
    <message>
        <location filename="../widgets/admin/cameras_tab.py" line="44"/>
        <location filename="../widgets/admin/cameras_tab.py" line="83"/>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location filename="../widgets/admin/cameras_tab.py" line="45"/>
        <source>Latitude</source>
        <translation>纬度</translation>
    </message>
    <message>
        <location filename="../widgets/admin/cameras_tab.py" line="46"/>
        <source>Longitude</source>
        <translation>经度</translation>
    </message>
    <message>
        <location filename="../widgets/admin/cameras_tab.py" line="47"/>
        <location filename="../widgets/admin/cameras_tab.py" line="75"/>
        <source>Direction</source>
        <translation>朝向</translation>
    </message>
    <message>
        <location filename="../widgets/admin/cameras_tab.py" line="48"/>
        <location filename="../widgets/admin/cameras_tab.py" line="76"/>
        <source>Field of view</source>
        <translation>视场角</translation>
    </message>
    <message>
        <location filename="../widgets/admin/cameras_tab.py" line="49"/>
        <source>Stream</source>
        <translation>视频流</translation>
    </message>
    <message>
        <location filename="../widgets/admin/cameras_tab.py" line="58"/>
        <location filename="../widgets/admin/cameras_tab.py" line="59"/>
        <source>°</source>
        <translation>°</translation>
    </message>
    <message>
        <location filename="../widgets/admin/cameras_tab.py" line="61"/>
        <source> m</source>
        <translation> 米</translation>
    </message>
    <message>
        <location filename="../widgets/admin/cameras_tab.py" line="64"/>
        <source>rtsp://camera.example.org/stream1</source>
        <translation>rtsp://camera.example.org/stream1</translation>
    </message>
    <message>
        <location filename="../widgets/admin/cameras_tab.py" line="65"/>
        <source>Test</source>
        <translation>测试</translation>
    </message>
    <message>
        <location filename="../widgets/admin/cameras_tab.py" line="77"/>
        <source>Range</source>
        <translation>距离</translation>
    </message>
    <message>
        <location filename="../widgets/admin/cameras_tab.py" line="82"/>
        <source>Camera id</source>
        <translation>摄像头编号</translation>
    </message>
    <message>
        <location filename="../widgets/admin/cameras_tab.py" line="84"/>
        <source>Position (lat, lon)</source>
        <translation>位置（纬度，经度）</translation>
    </message>
    <message>
        <location filename="../widgets/admin/cameras_tab.py" line="85"/>
        <source>View</source>
        <translation>视野</translation>
    </message>
    <message>
        <location filename="../widgets/admin/cameras_tab.py" line="86"/>
        <source>Stream URL</source>
        <translation>视频流地址</translation>
    </message>
    <message>
        <location filename="../widgets/admin/cameras_tab.py" line="90"/>
        <source>Save camera</source>
        <translation>保存摄像头</translation>
    </message>
    <message>
        <location filename="../widgets/admin/cameras_tab.py" line="91"/>
        <source>Retire camera</source>
        <translation>停用摄像头</translation>
    </message>
    <message>
        <location filename="../widgets/admin/cameras_tab.py" line="160"/>
        <source>Camera %1 sent</source>
        <translation>摄像头 %1 已发送</translation>
    </message>
    <message>
        <location filename="../widgets/admin/cameras_tab.py" line="165"/>
        <source>Retiring camera %1</source>
        <translation>正在停用摄像头 %1</translation>
    </message>
    <message>
        <location filename="../widgets/admin/cameras_tab.py" line="174"/>
        <source>Stream tests are not available here</source>
        <translation>此处无法测试视频流</translation>
    </message>
    <message>
        <location filename="../widgets/admin/cameras_tab.py" line="177"/>
        <source>Enter a stream URL first</source>
        <translation>请先输入视频流地址</translation>
    </message>
    <message>
        <location filename="../widgets/admin/cameras_tab.py" line="181"/>
        <source>Testing %1 …</source>
        <translation>正在测试 %1 …</translation>
    </message>
    <message>
        <location filename="../widgets/admin/cameras_tab.py" line="187"/>
        <source>Failed: %1</source>
        <translation>失败：%1</translation>
    </message>
    <message>
        <location filename="../widgets/admin/cameras_tab.py" line="191"/>
        <source>OK: %1 × %2 (%3)</source>
        <translation>正常：%1 × %2（%3）</translation>
    </message>
</context>
<context>
    <name>CategoryPicker</name>
    <message>
        <location filename="../widgets/intake/category_picker.py" line="33"/>
        <source>Category: type English or 中文, ↓ to browse, Enter picks</source>
        <translation>类别：输入英文或中文，↓ 浏览，Enter 选定</translation>
    </message>
    <message>
        <location filename="../widgets/intake/category_picker.py" line="96"/>
        <source>P%1  %2  ·  %3</source>
        <translation>P%1  %2  ·  %3</translation>
    </message>
    <message>
        <location filename="../widgets/intake/category_picker.py" line="99"/>
        <source>%1 — %2; handled by %3</source>
        <translation>%1 — %2；由 %3 处置</translation>
    </message>
    <message>
        <location filename="../widgets/intake/category_picker.py" line="110"/>
        <source>No category matches “%1”</source>
        <translation>没有与“%1”匹配的类别</translation>
    </message>
</context>
<context>
    <name>Chart</name>
    <message>
        <location filename="../widgets/evaluation/histogram_chart.py" line="36"/>
        <source>s</source>
        <translation>秒</translation>
    </message>
    <message>
        <location filename="../widgets/evaluation/response_gauges.py" line="51"/>
        <source>% of calls within {0:.0f} s</source>
        <translation>{0:.0f} 秒内的呼叫占比</translation>
    </message>
    <message>
        <location filename="../widgets/evaluation/response_gauges.py" line="72"/>
        <source>%1  %2   p50 %3 · p90 %4  (n=%5)</source>
        <translation>%1  %2   中位 %3 · p90 %4  （n=%5）</translation>
    </message>
</context>
<context>
    <name>CommandBoard</name>
    <message>
        <location filename="../widgets/command/command_board.py" line="48"/>
        <source>Name of the major incident</source>
        <translation>重大事件名称</translation>
    </message>
    <message>
        <location filename="../widgets/command/command_board.py" line="49"/>
        <source>Declare major</source>
        <translation>宣布为重大事件</translation>
    </message>
    <message>
        <location filename="../widgets/command/command_board.py" line="51"/>
        <source>Briefing PDF…</source>
        <translation>简报 PDF…</translation>
    </message>
    <message>
        <location filename="../widgets/command/command_board.py" line="61"/>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <location filename="../widgets/command/command_board.py" line="61"/>
        <source>Person</source>
        <translation>人员</translation>
    </message>
    <message>
        <location filename="../widgets/command/command_board.py" line="69"/>
        <source>Name (empty: vacate)</source>
        <translation>姓名（留空：空缺）</translation>
    </message>
    <message>
        <location filename="../widgets/command/command_board.py" line="70"/>
        <source>Assign</source>
        <translation>指派</translation>
    </message>
    <message>
        <location filename="../widgets/command/command_board.py" line="73"/>
        <source>Organisation</source>
        <translation>组织架构</translation>
    </message>
    <message>
        <location filename="../widgets/command/command_board.py" line="85"/>
        <source>New objective for this period</source>
        <translation>本作业期的新目标</translation>
    </message>
    <message>
        <location filename="../widgets/command/command_board.py" line="87"/>
        <source>New period</source>
        <translation>新作业期</translation>
    </message>
    <message>
        <location filename="../widgets/command/command_board.py" line="90"/>
        <source>Objectives</source>
        <translation>目标</translation>
    </message>
    <message>
        <location filename="../widgets/command/command_board.py" line="99"/>
        <source>Agency / unit</source>
        <translation>部门 / 单位</translation>
    </message>
    <message>
        <location filename="../widgets/command/command_board.py" line="99"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../widgets/command/command_board.py" line="105"/>
        <source>Group under</source>
        <translation>归入</translation>
    </message>
    <message>
        <location filename="../widgets/command/command_board.py" line="108"/>
        <source>Resources by agency</source>
        <translation>各部门资源</translation>
    </message>
    <message>
        <location filename="../widgets/command/command_board.py" line="110"/>
        <source>Grouped incidents</source>
        <translation>归入的事件</translation>
    </message>
    <message>
        <location filename="../widgets/command/command_board.py" line="121"/>
        <source>Record a decision (Enter)</source>
        <translation>记录一项决定（回车）</translation>
    </message>
    <message>
        <location filename="../widgets/command/command_board.py" line="124"/>
        <source>Decision log</source>
        <translation>决策记录</translation>
    </message>
    <message>
        <location filename="../widgets/command/command_board.py" line="169"/>
        <source>Select an incident</source>
        <translation>请选择一个案件</translation>
    </message>
    <message>
        <location filename="../widgets/command/command_board.py" line="171"/>
        <source>%1 is not a major incident</source>
        <translation>%1 不是重大事件</translation>
    </message>
    <message>
        <location filename="../widgets/command/command_board.py" line="174"/>
        <source>%1 — %2 · operational period %3 since %4</source>
        <translation>%1 — %2 · 第 %3 作业期，自 %4</translation>
    </message>
    <message>
        <location filename="../widgets/command/command_board.py" line="183"/>
        <source>Open a command board for this incident</source>
        <translation>为此事件开启指挥看板</translation>
    </message>
    <message>
        <location filename="../widgets/command/command_board.py" line="202"/>
        <source>vacant</source>
        <translation>空缺</translation>
    </message>
    <message numerus="yes">
        <location filename="../widgets/command/command_board.py" line="230"/>
        <source>%n unit(s)</source>
        <translation>
            <numerusform>%n 个单位</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../widgets/command/command_board.py" line="232"/>
        <source> · %1 requested</source>
        <translation> · 已请求 %1</translation>
    </message>
    <message>
        <location filename="../widgets/command/command_board.py" line="280"/>
        <source>Give the major incident a name first</source>
        <translation>请先为重大事件命名</translation>
    </message>
    <message>
        <location filename="../widgets/command/command_board.py" line="321"/>
        <source>Save the briefing</source>
        <translation>保存简报</translation>
    </message>
    <message>
        <location filename="../widgets/command/command_board.py" line="332"/>
        <source>Briefing saved: %1</source>
        <translation>简报已保存：%1</translation>
    </message>
</context>
<context>
    <name>CommandLine</name>
    <message>
        <location filename="../app/console/cmdline.py" line="111"/>
        <source>N &lt;category&gt; @ &lt;lat,lon | address ;&gt; [P1-4] [description]  — new incident</source>
        <translation>N &lt;类别&gt; @ &lt;纬度,经度 | 地址 ;&gt; [P1-4] [描述]  — 新建事件</translation>
    </message>
    <message>
        <location filename="../app/console/cmdline.py" line="114"/>
        <source>D &lt;incident&gt; &lt;unit&gt; [unit ...]  — dispatch units</source>
        <translation>D &lt;事件&gt; &lt;单位&gt; [单位 ...]  — 派遣单位</translation>
    </message>
    <message>
        <location filename="../app/console/cmdline.py" line="115"/>
        <source>S &lt;unit&gt; &lt;status&gt;  — unit status (avail, enroute, onscene, ret, oos)</source>
        <translation>S &lt;单位&gt; &lt;状态&gt;  — 单位状态（avail, enroute, onscene, ret, oos）</translation>
    </message>
    <message>
        <location filename="../app/console/cmdline.py" line="118"/>
        <source>R &lt;incident&gt; &lt;agency&gt; [count] [capability]  — request linkage from an agency</source>
        <translation>R &lt;事件&gt; &lt;部门&gt; [数量] [能力]  — 向部门请求联动</translation>
    </message>
    <message>
        <location filename="../app/console/cmdline.py" line="122"/>
        <source>REL &lt;incident&gt; &lt;unit&gt;  — release a unit</source>
        <translation>REL &lt;事件&gt; &lt;单位&gt;  — 释放单位</translation>
    </message>
    <message>
        <location filename="../app/console/cmdline.py" line="123"/>
        <source>NOTE &lt;incident&gt; &lt;text&gt;  — add to the narrative log</source>
        <translation>NOTE &lt;事件&gt; &lt;文字&gt;  — 写入处置记录</translation>
    </message>
    <message>
        <location filename="../app/console/cmdline.py" line="124"/>
        <source>L &lt;incident&gt; &lt;other incident&gt;  — link related incidents</source>
        <translation>L &lt;事件&gt; &lt;另一事件&gt;  — 关联相关事件</translation>
    </message>
    <message>
        <location filename="../app/console/cmdline.py" line="127"/>
        <source>M &lt;duplicate&gt; &lt;master&gt;  — merge a duplicate into a master incident</source>
        <translation>M &lt;重复事件&gt; &lt;主事件&gt;  — 将重复事件合并到主事件</translation>
    </message>
    <message>
        <location filename="../app/console/cmdline.py" line="130"/>
        <source>REG &lt;incident&gt;  — register</source>
        <translation>REG &lt;事件&gt;  — 立案</translation>
    </message>
    <message>
        <location filename="../app/console/cmdline.py" line="131"/>
        <source>DSP &lt;incident&gt;  — dispatch to the department (no units)</source>
        <translation>DSP &lt;事件&gt;  — 派遣到部门（不派单位）</translation>
    </message>
    <message>
        <location filename="../app/console/cmdline.py" line="134"/>
        <source>START &lt;incident&gt;  — handling started</source>
        <translation>START &lt;事件&gt;  — 开始处置</translation>
    </message>
    <message>
        <location filename="../app/console/cmdline.py" line="135"/>
        <source>RES &lt;incident&gt; &lt;feedback&gt;  — resolved, with the handler&apos;s feedback</source>
        <translation>RES &lt;事件&gt; &lt;反馈&gt;  — 处置完毕，附处置人反馈</translation>
    </message>
    <message>
        <location filename="../app/console/cmdline.py" line="138"/>
        <source>V &lt;incident&gt;  — verification passed</source>
        <translation>V &lt;事件&gt;  — 核查通过</translation>
    </message>
    <message>
        <location filename="../app/console/cmdline.py" line="139"/>
        <source>FAIL &lt;incident&gt; &lt;reason&gt;  — verification failed (rework)</source>
        <translation>FAIL &lt;事件&gt; &lt;原因&gt;  — 核查未通过（返工）</translation>
    </message>
    <message>
        <location filename="../app/console/cmdline.py" line="142"/>
        <source>C &lt;incident&gt;  — close</source>
        <translation>C &lt;事件&gt;  — 结案</translation>
    </message>
    <message>
        <location filename="../app/console/cmdline.py" line="143"/>
        <source>X &lt;incident&gt; &lt;reason&gt;  — cancel</source>
        <translation>X &lt;事件&gt; &lt;原因&gt;  — 撤销</translation>
    </message>
    <message>
        <location filename="../app/console/cmdline.py" line="144"/>
        <source>REJ &lt;incident&gt; &lt;reason&gt;  — reject as invalid / duplicate</source>
        <translation>REJ &lt;事件&gt; &lt;原因&gt;  — 作为无效 / 重复驳回</translation>
    </message>
    <message>
        <location filename="../app/console/cmdline.py" line="147"/>
        <source>REOPEN &lt;incident&gt; &lt;reason&gt;  — reopen a closed case (supervisor)</source>
        <translation>REOPEN &lt;事件&gt; &lt;原因&gt;  — 重新打开已结案件（值班长）</translation>
    </message>
    <message>
        <location filename="../app/console/cmdline.py" line="150"/>
        <source>EXT &lt;incident&gt; &lt;minutes&gt; &lt;reason&gt;  — ask for a deadline extension</source>
        <translation>EXT &lt;事件&gt; &lt;分钟&gt; &lt;原因&gt;  — 申请延期</translation>
    </message>
    <message>
        <location filename="../app/console/cmdline.py" line="153"/>
        <source>ACK  — acknowledge every flashing priority-1 alert</source>
        <translation>ACK  — 确认所有闪烁的一级警报</translation>
    </message>
    <message>
        <location filename="../app/console/cmdline.py" line="154"/>
        <source>HELP  — list commands and shortcuts</source>
        <translation>HELP  — 列出命令和快捷键</translation>
    </message>
    <message>
        <location filename="../app/console/cmdline.py" line="183"/>
        <source>no incident is selected (&apos;.&apos; means the selected incident)</source>
        <translation>未选择事件（“.”表示当前选中的事件）</translation>
    </message>
    <message>
        <location filename="../app/console/cmdline.py" line="197"/>
        <source>no incident %1</source>
        <translation>没有事件 %1</translation>
    </message>
    <message>
        <location filename="../app/console/cmdline.py" line="207"/>
        <source>no incident numbered …%1</source>
        <translation>没有编号以 …%1 结尾的事件</translation>
    </message>
    <message>
        <location filename="../app/console/cmdline.py" line="215"/>
        <source>&apos;%1&apos; is not an incident number (try 123, 2026-000123 or &apos;.&apos;)</source>
        <translation>“%1”不是事件编号（可输入 123、2026-000123 或“.”）</translation>
    </message>
    <message>
        <location filename="../app/console/cmdline.py" line="230"/>
        <source>no unit %1</source>
        <translation>没有单位 %1</translation>
    </message>
    <message>
        <location filename="../app/console/cmdline.py" line="238"/>
        <source>no category matches %1</source>
        <translation>没有与 %1 匹配的类别</translation>
    </message>
    <message>
        <location filename="../app/console/cmdline.py" line="252"/>
        <source>type a command, or HELP</source>
        <translation>请输入命令，或输入 HELP</translation>
    </message>
    <message>
        <location filename="../app/console/cmdline.py" line="272"/>
        <source>dispatch %1</source>
        <translation>派遣 %1</translation>
    </message>
    <message>
        <location filename="../app/console/cmdline.py" line="285"/>
        <source>unknown unit status %1: use %2</source>
        <translation>未知单位状态 %1：可用 %2</translation>
    </message>
    <message>
        <location filename="../app/console/cmdline.py" line="311"/>
        <source>release %1</source>
        <translation>释放 %1</translation>
    </message>
    <message>
        <location filename="../app/console/cmdline.py" line="325"/>
        <source>note added</source>
        <translation>已添加记录</translation>
    </message>
    <message>
        <location filename="../app/console/cmdline.py" line="340"/>
        <source>linked</source>
        <translation>已关联</translation>
    </message>
    <message>
        <location filename="../app/console/cmdline.py" line="349"/>
        <source>merged</source>
        <translation>已合并</translation>
    </message>
    <message>
        <location filename="../app/console/cmdline.py" line="364"/>
        <source>extension requested</source>
        <translation>已申请延期</translation>
    </message>
    <message>
        <location filename="../app/console/cmdline.py" line="376"/>
        <source>%1 (a reason is required)</source>
        <translation>%1（必须填写原因）</translation>
    </message>
    <message>
        <location filename="../app/console/cmdline.py" line="389"/>
        <source>unknown command %1; type HELP for the list</source>
        <translation>未知命令 %1；输入 HELP 查看列表</translation>
    </message>
    <message>
        <location filename="../app/console/cmdline.py" line="413"/>
        <source>%1,%2 is not a valid lat,lon</source>
        <translation>%1,%2 不是有效的纬度,经度</translation>
    </message>
    <message>
        <location filename="../app/console/cmdline.py" line="431"/>
        <source>location not found: %1 (type lat,lon or an address)</source>
        <translation>找不到地点：%1（请输入纬度,经度或地址）</translation>
    </message>
    <message>
        <location filename="../app/console/cmdline.py" line="457"/>
        <source>new %1 at %2</source>
        <translation>新建 %1，位于 %2</translation>
    </message>
    <message>
        <location filename="../app/console/cmdline.py" line="472"/>
        <source>no agency %1: %2</source>
        <translation>没有部门 %1：%2</translation>
    </message>
    <message>
        <location filename="../app/console/cmdline.py" line="494"/>
        <source>linkage: %1 x %2 from %3</source>
        <translation>联动：向 %3 请求 %1 个 %2</translation>
    </message>
    <message>
        <location filename="../widgets/console/command_line.py" line="119"/>
        <source>sent: %1</source>
        <translation>已发送：%1</translation>
    </message>
</context>
<context>
    <name>Console</name>
    <message>
        <location filename="../widgets/console/assemble.py" line="113"/>
        <source>CityOps — Replay</source>
        <translation>CityOps — 回放</translation>
    </message>
    <message>
        <location filename="../widgets/console/assemble.py" line="165"/>
        <source>Agency panels (every department)</source>
        <translation>部门面板（所有部门）</translation>
    </message>
    <message>
        <location filename="../widgets/console/assemble.py" line="340"/>
        <source>Snapshot from %1</source>
        <translation>来自 %1 的截图</translation>
    </message>
    <message>
        <location filename="../widgets/console/assemble.py" line="368"/>
        <source>⚠ Escalation L%1 on %2 (%3)</source>
        <translation>⚠ 升级 %1 级：%2（%3）</translation>
    </message>
    <message>
        <location filename="../widgets/console/assemble.py" line="410"/>
        <source>no camera covers that point</source>
        <translation>没有摄像头覆盖该点</translation>
    </message>
    <message>
        <location filename="../widgets/console/assemble.py" line="417"/>
        <source>select an open incident first, then dispatch the nearest unit</source>
        <translation>请先选择一个未结事件，再派遣最近的单位</translation>
    </message>
    <message>
        <location filename="../widgets/console/assemble.py" line="429"/>
        <source>no available unit with the required capability</source>
        <translation>没有具备所需能力的可用单位</translation>
    </message>
    <message>
        <location filename="../widgets/console/assemble.py" line="435"/>
        <source>dispatching %1</source>
        <translation>正在派遣 %1</translation>
    </message>
    <message>
        <location filename="../widgets/console/language.py" line="46"/>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <location filename="../widgets/console/launcher.py" line="69"/>
        <source>CityOps could not start:
%1</source>
        <translation>CityOps 无法启动：
%1</translation>
    </message>
</context>
<context>
    <name>ConsoleStatusBar</name>
    <message>
        <location filename="../widgets/console/status_bar.py" line="116"/>
        <source>not signed in</source>
        <translation>未登录</translation>
    </message>
    <message>
        <location filename="../widgets/console/status_bar.py" line="120"/>
        <source>User: %1 · %2%3</source>
        <translation>用户：%1 · %2%3</translation>
    </message>
    <message>
        <location filename="../widgets/console/status_bar.py" line="124"/>
        <source>Desk: %1</source>
        <translation>席位：%1</translation>
    </message>
    <message>
        <location filename="../widgets/console/status_bar.py" line="128"/>
        <source>● replay (no network)</source>
        <translation>● 回放（无网络）</translation>
    </message>
    <message>
        <location filename="../widgets/console/status_bar.py" line="136"/>
        <source>synced %1</source>
        <translation>同步于 %1</translation>
    </message>
    <message>
        <location filename="../widgets/console/status_bar.py" line="142"/>
        <source>Connection to the city server: online, offline (working from the local cache; changes wait in the outbox), or catching up.
Pending changes: %1   Round trip: %2</source>
        <translation>与城市服务器的连接：在线、离线（使用本地缓存工作；更改在发件箱中等待）或正在追赶。
待发更改：%1   往返时间：%2</translation>
    </message>
    <message>
        <location filename="../widgets/console/status_bar.py" line="157"/>
        <source>online</source>
        <translation>在线</translation>
    </message>
    <message>
        <location filename="../widgets/console/status_bar.py" line="158"/>
        <source>offline</source>
        <translation>离线</translation>
    </message>
    <message>
        <location filename="../widgets/console/status_bar.py" line="159"/>
        <source>connecting</source>
        <translation>正在连接</translation>
    </message>
    <message>
        <location filename="../widgets/console/status_bar.py" line="160"/>
        <source>catching up</source>
        <translation>正在追赶</translation>
    </message>
    <message numerus="yes">
        <location filename="../widgets/console/status_bar.py" line="166"/>
        <source>%n pending</source>
        <translation>
            <numerusform>%n 项待发</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../widgets/console/status_bar.py" line="177"/>
        <source>✖ %n refused</source>
        <translation>
            <numerusform>✖ %n 条被拒绝</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../widgets/console/status_bar.py" line="178"/>
        <source>Open the refusal inbox</source>
        <translation>打开被拒指令收件箱</translation>
    </message>
    <message>
        <location filename="../widgets/console/status_bar.py" line="191"/>
        <source>✖ Refused: %1</source>
        <translation>✖ 被拒绝：%1</translation>
    </message>
    <message>
        <location filename="../widgets/console/status_bar.py" line="192"/>
        <source>Recent refusals:</source>
        <translation>最近的拒绝：</translation>
    </message>
    <message numerus="yes">
        <location filename="../widgets/console/status_bar.py" line="197"/>
        <source>⚠ %n new P1 — Space to acknowledge</source>
        <translation>
            <numerusform>⚠ %n 个新一级警报 — 按空格键确认</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CoverageLayer</name>
    <message>
        <location filename="../widgets/map/coverage_layer.py" line="71"/>
        <source>Coverage: {0}</source>
        <translation>覆盖：{0}</translation>
    </message>
    <message>
        <location filename="../widgets/map/coverage_layer.py" line="74"/>
        <source>red: {0} cells beyond 8 min</source>
        <translation>红色：{0} 个网格超过 8 分钟</translation>
    </message>
    <message>
        <location filename="../widgets/map/coverage_layer.py" line="77"/>
        <source>amber: {0} cells 4–8 min</source>
        <translation>琥珀色：{0} 个网格 4–8 分钟</translation>
    </message>
</context>
<context>
    <name>CoveragePanel</name>
    <message>
        <location filename="../widgets/evaluation/coverage_panel.py" line="48"/>
        <source>Coverage by road: demand reached by an available unit</source>
        <translation>道路覆盖：可用单位可到达的需求</translation>
    </message>
    <message>
        <location filename="../widgets/evaluation/coverage_panel.py" line="52"/>
        <source>Uncovered on map</source>
        <translation>在地图上显示未覆盖区域</translation>
    </message>
    <message>
        <location filename="../widgets/evaluation/coverage_panel.py" line="56"/>
        <source>Grid cells of the selected agency that no available unit reaches within 8 minutes (red) or within 4 minutes (amber)</source>
        <translation>所选部门中没有可用单位能在 8 分钟内（红色）或 4 分钟内（琥珀色）到达的网格</translation>
    </message>
    <message>
        <location filename="../widgets/evaluation/coverage_panel.py" line="67"/>
        <source>Agency</source>
        <translation>部门</translation>
    </message>
    <message>
        <location filename="../widgets/evaluation/coverage_panel.py" line="68"/>
        <source>Units</source>
        <translation>单位</translation>
    </message>
    <message>
        <location filename="../widgets/evaluation/coverage_panel.py" line="69"/>
        <source>≤ 4 min</source>
        <translation>≤ 4 分钟</translation>
    </message>
    <message>
        <location filename="../widgets/evaluation/coverage_panel.py" line="70"/>
        <source>≤ 8 min</source>
        <translation>≤ 8 分钟</translation>
    </message>
    <message>
        <location filename="../widgets/evaluation/coverage_panel.py" line="71"/>
        <source>Move-up advice</source>
        <translation>前移调度建议</translation>
    </message>
    <message>
        <location filename="../widgets/evaluation/coverage_panel.py" line="113"/>
        <source>Move {unit} to {station}: +{g4:.1f} pts at 4 min, {g8:+.1f} at 8 min</source>
        <translation>将 {unit} 调往 {station}：4 分钟覆盖 +{g4:.1f} 个百分点，8 分钟 {g8:+.1f}</translation>
    </message>
    <message>
        <location filename="../widgets/evaluation/coverage_panel.py" line="137"/>
        <source>Computing drive times from every unit…</source>
        <translation>正在计算各单位的行车时间…</translation>
    </message>
    <message>
        <location filename="../widgets/evaluation/coverage_panel.py" line="139"/>
        <source>weighted by the hotspot forecast</source>
        <translation>按热点预测加权</translation>
    </message>
    <message>
        <location filename="../widgets/evaluation/coverage_panel.py" line="141"/>
        <source>every cell alike (no case history to forecast from)</source>
        <translation>各网格权重相同（没有可用于预测的历史案件）</translation>
    </message>
    <message>
        <location filename="../widgets/evaluation/coverage_panel.py" line="144"/>
        <source>Share of expected demand (grid cells, {demand}) that an available or returning unit reaches by road within 4 and 8 minutes. Move-up: the relocation that gains the most covered demand.</source>
        <translation>可用或返回中的单位经道路在 4 分钟和 8 分钟内可到达的预期需求占比（网格，{demand}）。前移调度：使覆盖需求增加最多的调动。</translation>
    </message>
    <message>
        <location filename="../widgets/evaluation/coverage_panel.py" line="165"/>
        <source>No move gains coverage</source>
        <translation>没有能提高覆盖的调动</translation>
    </message>
    <message>
        <location filename="../widgets/evaluation/coverage_panel.py" line="172"/>
        <source>Move up</source>
        <translation>前移调度</translation>
    </message>
</context>
<context>
    <name>CoverageTable</name>
    <message>
        <location filename="../widgets/inspectors/coverage_table.py" line="21"/>
        <source>Cell</source>
        <translation>网格</translation>
    </message>
    <message>
        <location filename="../widgets/inspectors/coverage_table.py" line="21"/>
        <source>Inspectors</source>
        <translation>巡查员</translation>
    </message>
    <message>
        <location filename="../widgets/inspectors/coverage_table.py" line="21"/>
        <source>Visited</source>
        <translation>已到</translation>
    </message>
    <message>
        <location filename="../widgets/inspectors/coverage_table.py" line="21"/>
        <source>Share</source>
        <translation>比例</translation>
    </message>
    <message>
        <location filename="../widgets/inspectors/coverage_table.py" line="36"/>
        <source>no checkpoint</source>
        <translation>无检查点</translation>
    </message>
</context>
<context>
    <name>DeadlineBar</name>
    <message>
        <location filename="../widgets/detail/deadline_bar.py" line="52"/>
        <source> min</source>
        <translation> 分钟</translation>
    </message>
    <message>
        <location filename="../widgets/detail/deadline_bar.py" line="53"/>
        <source>Minutes of extension to request</source>
        <translation>申请延期的分钟数</translation>
    </message>
    <message>
        <location filename="../widgets/detail/deadline_bar.py" line="56"/>
        <source>Request extension…</source>
        <translation>申请延期…</translation>
    </message>
    <message>
        <location filename="../widgets/detail/deadline_bar.py" line="57"/>
        <source>Approve ext.</source>
        <translation>批准延期</translation>
    </message>
    <message>
        <location filename="../widgets/detail/deadline_bar.py" line="58"/>
        <source>Refuse ext.…</source>
        <translation>拒绝延期…</translation>
    </message>
    <message>
        <location filename="../widgets/detail/deadline_bar.py" line="59"/>
        <source>Suspend clock…</source>
        <translation>暂停计时…</translation>
    </message>
    <message>
        <location filename="../widgets/detail/deadline_bar.py" line="60"/>
        <source>Resume clock</source>
        <translation>恢复计时</translation>
    </message>
    <message>
        <location filename="../widgets/detail/deadline_bar.py" line="93"/>
        <source>Select an incident</source>
        <translation>请先选择一个事件</translation>
    </message>
    <message>
        <location filename="../widgets/detail/deadline_bar.py" line="101"/>
        <source>%1 (%2) not available: %3</source>
        <translation>%1（%2）不可用：%3</translation>
    </message>
    <message>
        <location filename="../widgets/detail/deadline_bar.py" line="109"/>
        <source>%1 (%2): %3 min asked by %4: %5</source>
        <translation>%1（%2）：%4 申请 %3 分钟：%5</translation>
    </message>
    <message>
        <location filename="../widgets/detail/deadline_bar.py" line="128"/>
        <source>Extend %1 by %2 min — reason:</source>
        <translation>将 %1 延期 %2 分钟 — 理由：</translation>
    </message>
    <message>
        <location filename="../widgets/detail/deadline_bar.py" line="135"/>
        <source>Refuse the extension on %1 — reason:</source>
        <translation>拒绝 %1 的延期申请 — 理由：</translation>
    </message>
    <message>
        <location filename="../widgets/detail/deadline_bar.py" line="140"/>
        <source>Suspend the clock of %1 — reason:</source>
        <translation>暂停 %1 的计时 — 理由：</translation>
    </message>
</context>
<context>
    <name>DetectionBar</name>
    <message>
        <location filename="../widgets/detail/detection_bar.py" line="42"/>
        <source>Confirm</source>
        <translation>确认</translation>
    </message>
    <message>
        <location filename="../widgets/detail/detection_bar.py" line="44"/>
        <source>Dismiss as false alarm</source>
        <translation>作为误报驳回</translation>
    </message>
    <message>
        <location filename="../widgets/detail/detection_bar.py" line="56"/>
        <source>Opened by sensor {0}</source>
        <translation>由传感器 {0} 立案</translation>
    </message>
    <message>
        <location filename="../widgets/detail/detection_bar.py" line="58"/>
        <source>Sensor {0} stopped reporting</source>
        <translation>传感器 {0} 停止上报</translation>
    </message>
    <message>
        <location filename="../widgets/detail/detection_bar.py" line="61"/>
        <source>Opened by video analytics: camera {0}, zone {1}</source>
        <translation>由视频分析立案：摄像头 {0}，区域 {1}</translation>
    </message>
    <message>
        <location filename="../widgets/detail/detection_bar.py" line="63"/>
        <source> · &lt;b&gt;cleared by the device&lt;/b&gt;</source>
        <translation> · &lt;b&gt;设备已复位&lt;/b&gt;</translation>
    </message>
    <message>
        <location filename="../widgets/detail/detection_bar.py" line="65"/>
        <source> · confirmed</source>
        <translation> · 已确认</translation>
    </message>
    <message>
        <location filename="../widgets/detail/detection_bar.py" line="67"/>
        <source> · dismissed as a false alarm</source>
        <translation> · 已作为误报驳回</translation>
    </message>
</context>
<context>
    <name>DuplicateList</name>
    <message>
        <location filename="../widgets/intake/duplicate_list.py" line="78"/>
        <source>Link as further call (%1)</source>
        <translation>作为追加来电关联（%1）</translation>
    </message>
    <message>
        <location filename="../widgets/intake/duplicate_list.py" line="79"/>
        <source>Merge (%1)</source>
        <translation>合并 (%1)</translation>
    </message>
    <message>
        <location filename="../widgets/intake/duplicate_list.py" line="94"/>
        <source>%1  P%2  %3  ·  %4 m  ·  %5  ·  %6</source>
        <translation>%1  P%2  %3  ·  %4 米  ·  %5  ·  %6</translation>
    </message>
    <message>
        <location filename="../widgets/intake/duplicate_list.py" line="116"/>
        <source>⚠ 1 open incident of this category within %2 m — same incident?</source>
        <translation>⚠ %2 米内有 1 个同类未结事件 — 是同一事件吗？</translation>
    </message>
    <message>
        <location filename="../widgets/intake/duplicate_list.py" line="118"/>
        <source>⚠ %1 open incidents of this category within %2 m — same incident?</source>
        <translation>⚠ %2 米内有 %1 个同类未结事件 — 是同一事件吗？</translation>
    </message>
    <message>
        <location filename="../widgets/intake/duplicate_list.py" line="130"/>
        <source>No likely duplicate nearby</source>
        <translation>附近没有疑似重复事件</translation>
    </message>
</context>
<context>
    <name>Durations</name>
    <message>
        <location filename="../app/console/durations.py" line="24"/>
        <source>%1 s</source>
        <translation>%1 秒</translation>
    </message>
    <message>
        <location filename="../app/console/durations.py" line="27"/>
        <source>%1 min %2 s</source>
        <translation>%1 分 %2 秒</translation>
    </message>
    <message>
        <location filename="../app/console/durations.py" line="32"/>
        <source>%1 h %2 min</source>
        <translation>%1 小时 %2 分</translation>
    </message>
    <message>
        <location filename="../app/console/durations.py" line="41"/>
        <source>%1 min</source>
        <translation>%1 分钟</translation>
    </message>
    <message>
        <location filename="../app/console/durations.py" line="44"/>
        <source>%1 days</source>
        <translation>%1 天</translation>
    </message>
</context>
<context>
    <name>EvaluationDashboard</name>
    <message>
        <location filename="../widgets/evaluation/dashboard.py" line="55"/>
        <source>Whole record</source>
        <translation>全部记录</translation>
    </message>
    <message>
        <location filename="../widgets/evaluation/dashboard.py" line="56"/>
        <source>Last 24 hours</source>
        <translation>最近 24 小时</translation>
    </message>
    <message>
        <location filename="../widgets/evaluation/dashboard.py" line="57"/>
        <source>Last 7 days</source>
        <translation>最近 7 天</translation>
    </message>
    <message>
        <location filename="../widgets/evaluation/dashboard.py" line="58"/>
        <source>Last 30 days</source>
        <translation>最近 30 天</translation>
    </message>
    <message>
        <location filename="../widgets/evaluation/dashboard.py" line="61"/>
        <source>Cases</source>
        <translation>案件数</translation>
    </message>
    <message>
        <location filename="../widgets/evaluation/dashboard.py" line="62"/>
        <source>Score</source>
        <translation>得分</translation>
    </message>
    <message>
        <location filename="../widgets/evaluation/dashboard.py" line="63"/>
        <source>Dispatch p90 (s)</source>
        <translation>派遣 p90（秒）</translation>
    </message>
    <message>
        <location filename="../widgets/evaluation/dashboard.py" line="64"/>
        <source>Dispatched ≤ 60 s (%)</source>
        <translation>60 秒内派遣（%）</translation>
    </message>
    <message>
        <location filename="../widgets/evaluation/dashboard.py" line="65"/>
        <source>On-time handling (%)</source>
        <translation>按时处置（%）</translation>
    </message>
    <message>
        <location filename="../widgets/evaluation/dashboard.py" line="103"/>
        <source>Evaluation dashboard</source>
        <translation>考评看板</translation>
    </message>
    <message>
        <location filename="../widgets/evaluation/dashboard.py" line="110"/>
        <source>By {0}</source>
        <translation>按{0}</translation>
    </message>
    <message>
        <location filename="../widgets/evaluation/dashboard.py" line="114"/>
        <source>Weights…</source>
        <translation>权重…</translation>
    </message>
    <message>
        <location filename="../widgets/evaluation/dashboard.py" line="117"/>
        <source>Forecast on map</source>
        <translation>在地图上显示预测</translation>
    </message>
    <message>
        <location filename="../widgets/evaluation/dashboard.py" line="122"/>
        <source>Expected cases per grid cell tomorrow: the mean daily count of each category group over the last 28 days, spread by its smoothed spatial share</source>
        <translation>明日各网格预计案件数：近 28 天各类别组的日均数量，按平滑后的空间占比分配</translation>
    </message>
    <message>
        <location filename="../widgets/evaluation/dashboard.py" line="126"/>
        <source>Export CSV…</source>
        <translation>导出 CSV…</translation>
    </message>
    <message>
        <location filename="../widgets/evaluation/dashboard.py" line="127"/>
        <source>PDF report…</source>
        <translation>PDF 报告…</translation>
    </message>
    <message>
        <location filename="../widgets/evaluation/dashboard.py" line="153"/>
        <source>Answer → first unit dispatched, emergencies (NFPA 1225)</source>
        <translation>接警 → 首个单位派出，紧急类（NFPA 1225）</translation>
    </message>
    <message>
        <location filename="../widgets/evaluation/dashboard.py" line="158"/>
        <source>Dispatched → on scene, emergencies (NFPA 1710 travel)</source>
        <translation>派出 → 到场，紧急类（NFPA 1710 行驶）</translation>
    </message>
    <message>
        <location filename="../widgets/evaluation/dashboard.py" line="163"/>
        <source>Answer → dispatch, all calls (15 s bins)</source>
        <translation>接警 → 派出，全部呼叫（15 秒分组）</translation>
    </message>
    <message>
        <location filename="../widgets/evaluation/dashboard.py" line="165"/>
        <source>Cases per day · % dispatched ≤ 60 s</source>
        <translation>每日案件数 · 60 秒内派出占比</translation>
    </message>
    <message>
        <location filename="../widgets/evaluation/dashboard.py" line="273"/>
        <source> (top {0})</source>
        <translation>（前 {0}）</translation>
    </message>
    <message>
        <location filename="../widgets/evaluation/dashboard.py" line="360"/>
        <source>Score weights</source>
        <translation>评分权重</translation>
    </message>
    <message>
        <location filename="../widgets/evaluation/dashboard.py" line="380"/>
        <source>Export CSV</source>
        <translation>导出 CSV</translation>
    </message>
    <message>
        <location filename="../widgets/evaluation/dashboard.py" line="387"/>
        <source>PDF report</source>
        <translation>PDF 报告</translation>
    </message>
    <message>
        <location filename="../widgets/evaluation/dashboard.py" line="397"/>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <location filename="../widgets/evaluation/dashboard.py" line="397"/>
        <source>Could not write {0}: {1}</source>
        <translation>无法写入 {0}：{1}</translation>
    </message>
</context>
<context>
    <name>EvaluationModel</name>
    <message>
        <location filename="../app/models/evaluation_model.py" line="26"/>
        <source>Department</source>
        <translation>部门</translation>
    </message>
    <message>
        <location filename="../app/models/evaluation_model.py" line="27"/>
        <source>Score</source>
        <translation>得分</translation>
    </message>
    <message>
        <location filename="../app/models/evaluation_model.py" line="28"/>
        <source>Cases</source>
        <translation>案件数</translation>
    </message>
    <message>
        <location filename="../app/models/evaluation_model.py" line="29"/>
        <source>Handled</source>
        <translation>已处置</translation>
    </message>
    <message>
        <location filename="../app/models/evaluation_model.py" line="30"/>
        <source>Filed on time</source>
        <translation>按时立案</translation>
    </message>
    <message>
        <location filename="../app/models/evaluation_model.py" line="31"/>
        <source>Correct dispatch</source>
        <translation>派遣准确</translation>
    </message>
    <message>
        <location filename="../app/models/evaluation_model.py" line="32"/>
        <source>Handled on time</source>
        <translation>按时处置</translation>
    </message>
    <message>
        <location filename="../app/models/evaluation_model.py" line="33"/>
        <source>Closed on time</source>
        <translation>按时结案</translation>
    </message>
    <message>
        <location filename="../app/models/evaluation_model.py" line="34"/>
        <source>Rework</source>
        <translation>返工</translation>
    </message>
    <message>
        <location filename="../app/models/evaluation_model.py" line="35"/>
        <source>Overdue open</source>
        <translation>超期未结</translation>
    </message>
    <message>
        <location filename="../app/models/evaluation_model.py" line="36"/>
        <source>Extended</source>
        <translation>延期</translation>
    </message>
    <message>
        <location filename="../app/models/evaluation_model.py" line="37"/>
        <source>Avg handling</source>
        <translation>平均处置时长</translation>
    </message>
    <message>
        <location filename="../app/models/evaluation_model.py" line="66"/>
        <source>Score = {h:g} × handling rate + {o:g} × on-time handling + {r:g} × (1 − rework) + {p:g} × (1 − overdue open) + {e:g} × (1 − extension)</source>
        <translation>得分 = {h:g} × 处置率 + {o:g} × 按时处置率 + {r:g} × (1 − 返工率) + {p:g} × (1 − 超期未结率) + {e:g} × (1 − 延期率)</translation>
    </message>
    <message>
        <location filename="../app/models/evaluation_model.py" line="180"/>
        <source>Nothing handled yet: no score (not zero).</source>
        <translation>尚无处置案件：没有得分（不是零分）。</translation>
    </message>
</context>
<context>
    <name>EvaluationPanel</name>
    <message>
        <location filename="../widgets/evaluation/evaluation_panel.py" line="18"/>
        <source>Whole record</source>
        <translation>全部记录</translation>
    </message>
    <message>
        <location filename="../widgets/evaluation/evaluation_panel.py" line="19"/>
        <source>Last 24 hours</source>
        <translation>最近 24 小时</translation>
    </message>
    <message>
        <location filename="../widgets/evaluation/evaluation_panel.py" line="20"/>
        <source>Last 7 days</source>
        <translation>最近 7 天</translation>
    </message>
    <message>
        <location filename="../widgets/evaluation/evaluation_panel.py" line="21"/>
        <source>Last 30 days</source>
        <translation>最近 30 天</translation>
    </message>
    <message>
        <location filename="../widgets/evaluation/evaluation_panel.py" line="33"/>
        <source>Department evaluation</source>
        <translation>部门考评</translation>
    </message>
    <message>
        <location filename="../widgets/evaluation/evaluation_panel.py" line="55"/>
        <location filename="../widgets/evaluation/evaluation_panel.py" line="71"/>
        <source>. A department with nothing handled has no score (—). Rejected, cancelled and exercise cases are left out.</source>
        <translation>。尚未处置任何案件的部门不计分（—）。不计入不予受理、已撤销和演练案件。</translation>
    </message>
</context>
<context>
    <name>FeedsTab</name>
    <message>
        <location filename="../widgets/admin/feeds_tab.py" line="37"/>
        <source>Feed</source>
        <translation>订阅源</translation>
    </message>
    <message>
        <location filename="../widgets/admin/feeds_tab.py" line="38"/>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../widgets/admin/feeds_tab.py" line="39"/>
        <source>Recorded</source>
        <translation>已记录</translation>
    </message>
    <message>
        <location filename="../widgets/admin/feeds_tab.py" line="40"/>
        <source>Failures</source>
        <translation>失败次数</translation>
    </message>
    <message>
        <location filename="../widgets/admin/feeds_tab.py" line="41"/>
        <source>Last success</source>
        <translation>上次成功</translation>
    </message>
    <message>
        <location filename="../widgets/admin/feeds_tab.py" line="42"/>
        <source>Last error</source>
        <translation>最近错误</translation>
    </message>
    <message>
        <location filename="../widgets/admin/feeds_tab.py" line="49"/>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <location filename="../widgets/admin/feeds_tab.py" line="66"/>
        <source>Alert feeds are polled by the server: not available here</source>
        <translation>预警订阅源由服务器轮询：此处不可用</translation>
    </message>
    <message>
        <location filename="../widgets/admin/feeds_tab.py" line="72"/>
        <source>Refused: %1</source>
        <translation>被拒绝：%1</translation>
    </message>
    <message>
        <location filename="../widgets/admin/feeds_tab.py" line="83"/>
        <source>failing (%1 in a row)</source>
        <translation>失败中（连续 %1 次）</translation>
    </message>
    <message>
        <location filename="../widgets/admin/feeds_tab.py" line="85"/>
        <source>healthy</source>
        <translation>正常</translation>
    </message>
    <message>
        <location filename="../widgets/admin/feeds_tab.py" line="87"/>
        <source>not polled yet</source>
        <translation>尚未轮询</translation>
    </message>
    <message>
        <location filename="../widgets/admin/feeds_tab.py" line="108"/>
        <source>No alert feed is configured (the server&apos;s --cap-feed URL option)</source>
        <translation>未配置预警订阅源（服务器的 --cap-feed URL 选项）</translation>
    </message>
    <message>
        <location filename="../widgets/admin/feeds_tab.py" line="111"/>
        <source>%1 feed(s), %2 failing</source>
        <translation>%1 个订阅源，%2 个失败</translation>
    </message>
</context>
<context>
    <name>FilterChips</name>
    <message>
        <location filename="../widgets/queue/filter_chips.py" line="43"/>
        <source>Clear all filters</source>
        <translation>清除所有筛选</translation>
    </message>
    <message>
        <location filename="../widgets/queue/filter_chips.py" line="44"/>
        <source>Show every incident of the checked groups again</source>
        <translation>重新显示所选分组的全部事件</translation>
    </message>
    <message>
        <location filename="../widgets/queue/filter_chips.py" line="61"/>
        <source>Remove this filter</source>
        <translation>移除此筛选</translation>
    </message>
</context>
<context>
    <name>HelpOverlay</name>
    <message>
        <location filename="../widgets/console/help_overlay.py" line="146"/>
        <source>CityOps — keys and commands   (F1 or Esc to close)</source>
        <translation>CityOps — 快捷键与命令   （F1 或 Esc 关闭）</translation>
    </message>
</context>
<context>
    <name>HistoryDialog</name>
    <message>
        <location filename="../widgets/detail/history_dialog.py" line="47"/>
        <source>Incident %1 — history and report</source>
        <translation>事件 %1 — 历史与报告</translation>
    </message>
    <message>
        <location filename="../widgets/detail/history_dialog.py" line="52"/>
        <source>Save PDF…</source>
        <translation>保存 PDF…</translation>
    </message>
    <message>
        <location filename="../widgets/detail/history_dialog.py" line="55"/>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location filename="../widgets/detail/history_dialog.py" line="72"/>
        <source>The incident is not known to this console.</source>
        <translation>本控制台不认识该事件。</translation>
    </message>
    <message>
        <location filename="../widgets/detail/history_dialog.py" line="82"/>
        <source>Not saved: %1</source>
        <translation>未保存：%1</translation>
    </message>
    <message>
        <location filename="../widgets/detail/history_dialog.py" line="86"/>
        <source>Saved %1</source>
        <translation>已保存 %1</translation>
    </message>
    <message>
        <location filename="../widgets/detail/history_dialog.py" line="86"/>
        <source>Could not write %1</source>
        <translation>无法写入 %1</translation>
    </message>
    <message>
        <location filename="../widgets/detail/history_dialog.py" line="94"/>
        <source>Save the incident report</source>
        <translation>保存事件报告</translation>
    </message>
</context>
<context>
    <name>IdleWatch</name>
    <message>
        <location filename="../widgets/console/idle_watch.py" line="97"/>
        <source>No activity: this desk signs out in %1 s. Move the mouse or press a key to stay signed in.</source>
        <translation>无操作：本席位将在 %1 秒后签退。移动鼠标或按任意键可保持登录。</translation>
    </message>
</context>
<context>
    <name>IncidentDetail</name>
    <message>
        <location filename="../widgets/detail/detail_panel.py" line="193"/>
        <source>Type a note (%1); Ctrl+Enter or Add note adds it</source>
        <translation>输入备注（%1）；Ctrl+Enter 或“添加备注”保存</translation>
    </message>
    <message>
        <location filename="../widgets/detail/detail_panel.py" line="138"/>
        <source>Narrative</source>
        <translation>记录</translation>
    </message>
    <message>
        <location filename="../widgets/detail/detail_panel.py" line="195"/>
        <source>History and report… (%1)</source>
        <translation>历史与报告…（%1）</translation>
    </message>
    <message>
        <location filename="../widgets/detail/detail_panel.py" line="142"/>
        <source>Every entry with its full time, and a printable report (PDF)</source>
        <translation>每条记录及完整时间，并可打印报告（PDF）</translation>
    </message>
    <message>
        <location filename="../widgets/detail/detail_panel.py" line="115"/>
        <source>Add note</source>
        <translation>添加备注</translation>
    </message>
    <message>
        <location filename="../widgets/detail/detail_panel.py" line="128"/>
        <source>Stage deadlines</source>
        <translation>阶段时限</translation>
    </message>
    <message>
        <location filename="../widgets/detail/detail_panel.py" line="131"/>
        <source>Case actions</source>
        <translation>案件操作</translation>
    </message>
    <message>
        <location filename="../widgets/detail/detail_panel.py" line="135"/>
        <source>Units, links, cameras</source>
        <translation>单位、关联、摄像头</translation>
    </message>
    <message>
        <location filename="../widgets/detail/detail_panel.py" line="233"/>
        <source>Select an incident</source>
        <translation>请先选择一个事件</translation>
    </message>
    <message>
        <location filename="../widgets/detail/detail_panel.py" line="240"/>
        <source>Add the note to the narrative (Ctrl+Enter)</source>
        <translation>将备注加入记录（Ctrl+Enter）</translation>
    </message>
    <message>
        <location filename="../widgets/detail/detail_panel.py" line="285"/>
        <source>Not added yet: Ctrl+Enter or Add note adds the note</source>
        <translation>尚未添加：Ctrl+Enter 或“添加备注”保存备注</translation>
    </message>
    <message>
        <location filename="../widgets/detail/detail_panel.py" line="306"/>
        <source>Why strike out this note?</source>
        <translation>为何划除此备注？</translation>
    </message>
</context>
<context>
    <name>IncidentFields</name>
    <message>
        <location filename="../widgets/detail/incident_fields.py" line="23"/>
        <source>emergency</source>
        <translation>紧急事件</translation>
    </message>
    <message>
        <location filename="../widgets/detail/incident_fields.py" line="24"/>
        <source>urban management</source>
        <translation>城市管理</translation>
    </message>
    <message>
        <location filename="../widgets/detail/incident_fields.py" line="27"/>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <location filename="../widgets/detail/incident_fields.py" line="28"/>
        <source>Source</source>
        <translation>来源</translation>
    </message>
    <message>
        <location filename="../widgets/detail/incident_fields.py" line="29"/>
        <source>Location</source>
        <translation>位置</translation>
    </message>
    <message>
        <location filename="../widgets/detail/incident_fields.py" line="30"/>
        <source>Nearby</source>
        <translation>附近</translation>
    </message>
    <message>
        <location filename="../widgets/detail/incident_fields.py" line="31"/>
        <source>Grid / area</source>
        <translation>网格 / 区域</translation>
    </message>
    <message>
        <location filename="../widgets/detail/incident_fields.py" line="32"/>
        <source>Lat, lon</source>
        <translation>纬度, 经度</translation>
    </message>
    <message>
        <location filename="../widgets/detail/incident_fields.py" line="33"/>
        <source>Department</source>
        <translation>部门</translation>
    </message>
    <message>
        <location filename="../widgets/detail/incident_fields.py" line="34"/>
        <source>Linked agencies</source>
        <translation>联动部门</translation>
    </message>
    <message>
        <location filename="../widgets/detail/incident_fields.py" line="35"/>
        <source>Reporter</source>
        <translation>报告人</translation>
    </message>
    <message>
        <location filename="../widgets/detail/incident_fields.py" line="36"/>
        <source>Reported</source>
        <translation>报告时间</translation>
    </message>
    <message>
        <location filename="../widgets/detail/incident_fields.py" line="37"/>
        <source>Rework / ext.</source>
        <translation>返工 / 延期</translation>
    </message>
    <message>
        <location filename="../widgets/detail/incident_fields.py" line="38"/>
        <source>Description</source>
        <translation>描述</translation>
    </message>
    <message>
        <location filename="../widgets/detail/incident_fields.py" line="88"/>
        <source>no address within 1 km</source>
        <translation>1 公里内无地址</translation>
    </message>
    <message>
        <location filename="../widgets/detail/incident_fields.py" line="104"/>
        <source>(no address)</source>
        <translation>（无地址）</translation>
    </message>
    <message>
        <location filename="../widgets/detail/incident_fields.py" line="112"/>
        <source>%1 rework · %2 extension(s)</source>
        <translation>返工 %1 次 · 延期 %2 次</translation>
    </message>
</context>
<context>
    <name>IncidentHeader</name>
    <message>
        <location filename="../widgets/detail/incident_header.py" line="36"/>
        <location filename="../widgets/detail/incident_header.py" line="62"/>
        <source>No incident selected</source>
        <translation>未选择事件</translation>
    </message>
    <message>
        <location filename="../widgets/detail/incident_header.py" line="41"/>
        <source>● pending sync</source>
        <translation>● 等待同步</translation>
    </message>
    <message>
        <location filename="../widgets/detail/incident_header.py" line="44"/>
        <source>Local changes not yet confirmed by the server</source>
        <translation>本地更改尚未得到服务器确认</translation>
    </message>
    <message>
        <location filename="../widgets/detail/incident_header.py" line="75"/>
        <source>  [EXERCISE]</source>
        <translation>  [演练]</translation>
    </message>
</context>
<context>
    <name>IncidentQueueModel</name>
    <message>
        <location filename="../app/models/incident_queue.py" line="290"/>
        <source>merged → %1</source>
        <translation>已合并 → %1</translation>
    </message>
    <message>
        <location filename="../app/models/incident_queue.py" line="337"/>
        <source>%1 report(s) merged into this case: %2</source>
        <translation>%1 份报告已合并到本案件：%2</translation>
    </message>
    <message>
        <location filename="../app/models/incident_queue.py" line="345"/>
        <source>Merged into another case: handled there</source>
        <translation>已合并到另一案件：由该案件处理</translation>
    </message>
</context>
<context>
    <name>IncidentRelations</name>
    <message>
        <location filename="../widgets/detail/incident_relations.py" line="20"/>
        <source>duplicate of</source>
        <translation>重复于</translation>
    </message>
    <message>
        <location filename="../widgets/detail/incident_relations.py" line="21"/>
        <source>child of</source>
        <translation>隶属于</translation>
    </message>
    <message>
        <location filename="../widgets/detail/incident_relations.py" line="22"/>
        <source>related</source>
        <translation>相关</translation>
    </message>
    <message>
        <location filename="../widgets/detail/incident_relations.py" line="48"/>
        <source>Show on video wall</source>
        <translation>在视频墙上显示</translation>
    </message>
    <message>
        <location filename="../widgets/detail/incident_relations.py" line="53"/>
        <source>Units</source>
        <translation>单位</translation>
    </message>
    <message>
        <location filename="../widgets/detail/incident_relations.py" line="54"/>
        <source>Linked</source>
        <translation>关联</translation>
    </message>
    <message>
        <location filename="../widgets/detail/incident_relations.py" line="55"/>
        <source>Cameras</source>
        <translation>摄像头</translation>
    </message>
    <message>
        <location filename="../widgets/detail/incident_relations.py" line="94"/>
        <source>none assigned</source>
        <translation>未指派</translation>
    </message>
    <message>
        <location filename="../widgets/detail/incident_relations.py" line="104"/>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <location filename="../widgets/detail/incident_relations.py" line="120"/>
        <source>no camera covers this location</source>
        <translation>没有摄像头覆盖此位置</translation>
    </message>
    <message>
        <location filename="../widgets/detail/incident_relations.py" line="123"/>
        <source>Send %1 camera(s) to the video wall, nearest first</source>
        <translation>将 %1 个摄像头送到视频墙，最近的优先</translation>
    </message>
    <message>
        <location filename="../widgets/detail/incident_relations.py" line="127"/>
        <source>No camera covers this location</source>
        <translation>没有摄像头覆盖此位置</translation>
    </message>
</context>
<context>
    <name>IncidentReport</name>
    <message>
        <location filename="../app/console/history.py" line="73"/>
        <source>Struck out by %1 at %2: %3</source>
        <translation>已由 %1 于 %2 划除：%3</translation>
    </message>
</context>
<context>
    <name>InspectorPanel</name>
    <message>
        <location filename="../widgets/inspectors/ages.py" line="14"/>
        <source>no fix yet</source>
        <translation>尚无定位</translation>
    </message>
    <message>
        <location filename="../widgets/inspectors/ages.py" line="17"/>
        <source>%n s ago</source>
        <translation>%n 秒前</translation>
    </message>
    <message>
        <location filename="../widgets/inspectors/ages.py" line="20"/>
        <source>%n min ago</source>
        <translation>%n 分钟前</translation>
    </message>
    <message>
        <location filename="../widgets/inspectors/ages.py" line="22"/>
        <source>%n h ago</source>
        <translation>%n 小时前</translation>
    </message>
    <message>
        <location filename="../widgets/inspectors/inspector_panel.py" line="47"/>
        <source>Field inspectors</source>
        <translation>外勤巡查员</translation>
    </message>
    <message>
        <location filename="../widgets/inspectors/inspector_panel.py" line="54"/>
        <source>Set round…</source>
        <translation>设置巡查…</translation>
    </message>
    <message>
        <location filename="../widgets/inspectors/inspector_panel.py" line="60"/>
        <source>Inspector</source>
        <translation>巡查员</translation>
    </message>
    <message>
        <location filename="../widgets/inspectors/inspector_panel.py" line="61"/>
        <source>Duty</source>
        <translation>值班</translation>
    </message>
    <message>
        <location filename="../widgets/inspectors/inspector_panel.py" line="62"/>
        <source>Last fix</source>
        <translation>最近定位</translation>
    </message>
    <message>
        <location filename="../widgets/inspectors/inspector_panel.py" line="63"/>
        <source>Round</source>
        <translation>巡查</translation>
    </message>
    <message>
        <location filename="../widgets/inspectors/inspector_panel.py" line="64"/>
        <source>Open tasks</source>
        <translation>待核查</translation>
    </message>
    <message>
        <location filename="../widgets/inspectors/inspector_panel.py" line="65"/>
        <source>Overdue</source>
        <translation>超时</translation>
    </message>
    <message>
        <location filename="../widgets/inspectors/inspector_panel.py" line="76"/>
        <source>Show coverage on the map</source>
        <translation>在地图上显示覆盖率</translation>
    </message>
    <message>
        <location filename="../widgets/inspectors/inspector_panel.py" line="85"/>
        <source>Inspectors</source>
        <translation>巡查员</translation>
    </message>
    <message>
        <location filename="../widgets/inspectors/inspector_panel.py" line="86"/>
        <source>Round coverage</source>
        <translation>巡查覆盖</translation>
    </message>
    <message>
        <location filename="../widgets/inspectors/inspector_panel.py" line="125"/>
        <source>{on} on duty of {all}</source>
        <translation>{all} 人中 {on} 人值班</translation>
    </message>
    <message>
        <location filename="../widgets/inspectors/inspector_panel.py" line="129"/>
        <source>on duty</source>
        <translation>值班中</translation>
    </message>
    <message>
        <location filename="../widgets/inspectors/inspector_panel.py" line="129"/>
        <source>off</source>
        <translation>未值班</translation>
    </message>
    <message>
        <location filename="../widgets/inspectors/inspector_panel.py" line="132"/>
        <source>no round</source>
        <translation>无巡查</translation>
    </message>
</context>
<context>
    <name>Intake</name>
    <message>
        <location filename="../app/console/intake.py" line="27"/>
        <source>category</source>
        <translation>类别</translation>
    </message>
    <message>
        <location filename="../app/console/intake.py" line="28"/>
        <source>location</source>
        <translation>位置</translation>
    </message>
    <message>
        <location filename="../app/console/intake.py" line="29"/>
        <source>address</source>
        <translation>地址</translation>
    </message>
    <message>
        <location filename="../app/console/intake.py" line="30"/>
        <source>description</source>
        <translation>描述</translation>
    </message>
    <message>
        <location filename="../app/console/intake.py" line="31"/>
        <source>reporter contact</source>
        <translation>报告人联系方式</translation>
    </message>
    <message>
        <location filename="../app/console/intake.py" line="32"/>
        <source>priority</source>
        <translation>优先级</translation>
    </message>
    <message>
        <location filename="../app/console/intake.py" line="90"/>
        <source>Still needed: %1</source>
        <translation>尚需填写：%1</translation>
    </message>
</context>
<context>
    <name>IntakePanel</name>
    <message>
        <location filename="../widgets/intake/intake_panel.py" line="79"/>
        <source>New call</source>
        <translation>新来电</translation>
    </message>
    <message>
        <location filename="../widgets/intake/intake_panel.py" line="91"/>
        <source>Register now (taken by the centre)</source>
        <translation>立即立案（由中心受理）</translation>
    </message>
    <message>
        <location filename="../widgets/intake/intake_panel.py" line="98"/>
        <source>Address as the caller gives it (filled from the location)</source>
        <translation>来电人所述地址（由位置自动填写）</translation>
    </message>
    <message>
        <location filename="../widgets/intake/intake_panel.py" line="103"/>
        <source>What is happening (Tab moves on)</source>
        <translation>发生了什么（Tab 转到下一项）</translation>
    </message>
    <message>
        <location filename="../widgets/intake/intake_panel.py" line="107"/>
        <source>Caller name / phone (never shown to departments)</source>
        <translation>来电人姓名 / 电话（不向部门显示）</translation>
    </message>
    <message>
        <location filename="../widgets/intake/intake_panel.py" line="111"/>
        <location filename="../widgets/intake/intake_panel.py" line="337"/>
        <source>Create + dispatch (Ctrl+Enter)</source>
        <translation>创建并派遣（Ctrl+Enter）</translation>
    </message>
    <message>
        <location filename="../widgets/intake/intake_panel.py" line="124"/>
        <source>Channel</source>
        <translation>渠道</translation>
    </message>
    <message>
        <location filename="../widgets/intake/intake_panel.py" line="196"/>
        <location filename="../widgets/intake/intake_panel.py" line="213"/>
        <source>Create (%1)</source>
        <translation>创建（%1）</translation>
    </message>
    <message>
        <location filename="../widgets/intake/intake_panel.py" line="201"/>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <location filename="../widgets/intake/intake_panel.py" line="202"/>
        <source>Priority</source>
        <translation>优先级</translation>
    </message>
    <message>
        <location filename="../widgets/intake/intake_panel.py" line="203"/>
        <source>Location</source>
        <translation>位置</translation>
    </message>
    <message>
        <location filename="../widgets/intake/intake_panel.py" line="204"/>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <location filename="../widgets/intake/intake_panel.py" line="205"/>
        <source>Description</source>
        <translation>描述</translation>
    </message>
    <message>
        <location filename="../widgets/intake/intake_panel.py" line="206"/>
        <source>Reporter</source>
        <translation>报告人</translation>
    </message>
    <message>
        <location filename="../widgets/intake/intake_panel.py" line="318"/>
        <source>Create the incident (%1)</source>
        <translation>创建事件（%1）</translation>
    </message>
    <message>
        <location filename="../widgets/intake/intake_panel.py" line="330"/>
        <source>No available unit with %1 to dispatch</source>
        <translation>没有具备 %1 的可用单位可派遣</translation>
    </message>
    <message>
        <location filename="../widgets/intake/intake_panel.py" line="332"/>
        <source>No available unit to dispatch</source>
        <translation>没有可派遣的可用单位</translation>
    </message>
    <message>
        <location filename="../widgets/intake/intake_panel.py" line="344"/>
        <source>Create + dispatch %1 (Ctrl+Enter)</source>
        <translation>创建并派遣 %1（Ctrl+Enter）</translation>
    </message>
    <message>
        <location filename="../widgets/intake/intake_panel.py" line="347"/>
        <source>Dispatch %1</source>
        <translation>派遣 %1</translation>
    </message>
    <message>
        <location filename="../widgets/intake/intake_panel.py" line="377"/>
        <source>Create this report and merge it into the suggested case (%1): it is handled there, and closing that case closes this report</source>
        <translation>创建此报告并合并到建议的案件 (%1)：由该案件处理，该案件结案时此报告一并结案</translation>
    </message>
    <message>
        <location filename="../widgets/intake/intake_panel.py" line="475"/>
        <source>(number pending)</source>
        <translation>（编号待定）</translation>
    </message>
    <message>
        <location filename="../widgets/intake/intake_panel.py" line="478"/>
        <source>Created %1 and merged it into %2</source>
        <translation>已创建 %1 并合并到 %2</translation>
    </message>
</context>
<context>
    <name>IntakeSources</name>
    <message>
        <location filename="../widgets/evaluation/intake_sources.py" line="21"/>
        <source>Hotline</source>
        <translation>热线</translation>
    </message>
    <message>
        <location filename="../widgets/evaluation/intake_sources.py" line="22"/>
        <source>Citizen</source>
        <translation>市民</translation>
    </message>
    <message>
        <location filename="../widgets/evaluation/intake_sources.py" line="23"/>
        <source>Inspector</source>
        <translation>巡查员</translation>
    </message>
    <message>
        <location filename="../widgets/evaluation/intake_sources.py" line="24"/>
        <source>Sensor</source>
        <translation>传感器</translation>
    </message>
    <message>
        <location filename="../widgets/evaluation/intake_sources.py" line="25"/>
        <source>Video</source>
        <translation>视频</translation>
    </message>
    <message>
        <location filename="../widgets/evaluation/intake_sources.py" line="26"/>
        <source>Alert</source>
        <translation>预警</translation>
    </message>
    <message>
        <location filename="../widgets/evaluation/intake_sources.py" line="27"/>
        <source>Transfer</source>
        <translation>移交</translation>
    </message>
    <message>
        <location filename="../widgets/evaluation/intake_sources.py" line="28"/>
        <source>Import</source>
        <translation>导入</translation>
    </message>
    <message>
        <location filename="../widgets/evaluation/intake_sources.py" line="37"/>
        <source>Camera zone {0}</source>
        <translation>摄像机区域 {0}</translation>
    </message>
    <message>
        <location filename="../widgets/evaluation/intake_sources.py" line="38"/>
        <source>Sensor kind {0}</source>
        <translation>传感器类型 {0}</translation>
    </message>
    <message>
        <location filename="../widgets/evaluation/intake_sources.py" line="48"/>
        <source>Cases by source</source>
        <translation>按来源统计的案件</translation>
    </message>
    <message>
        <location filename="../widgets/evaluation/intake_sources.py" line="51"/>
        <source>Device kind or zone</source>
        <translation>设备类型或区域</translation>
    </message>
    <message>
        <location filename="../widgets/evaluation/intake_sources.py" line="51"/>
        <source>Reviewed</source>
        <translation>已审核</translation>
    </message>
    <message>
        <location filename="../widgets/evaluation/intake_sources.py" line="51"/>
        <source>Dismissed</source>
        <translation>已驳回</translation>
    </message>
    <message>
        <location filename="../widgets/evaluation/intake_sources.py" line="52"/>
        <source>False alarms</source>
        <translation>误报</translation>
    </message>
    <message>
        <location filename="../widgets/evaluation/intake_sources.py" line="59"/>
        <source>No machine-opened case reviewed yet</source>
        <translation>尚无已审核的自动立案</translation>
    </message>
</context>
<context>
    <name>Keys</name>
    <message>
        <location filename="../widgets/audit/audit_viewer.py" line="23"/>
        <source>Enter (audit filters)</source>
        <translation>Enter（审计筛选）</translation>
    </message>
    <message>
        <location filename="../widgets/audit/audit_viewer.py" line="24"/>
        <source>Audit: list the matching rows</source>
        <translation>审计：列出匹配的记录</translation>
    </message>
    <message>
        <location filename="../widgets/console/assemble.py" line="279"/>
        <source>Drag / arrows</source>
        <translation>拖动 / 方向键</translation>
    </message>
    <message>
        <location filename="../widgets/console/assemble.py" line="280"/>
        <source>Map: pan</source>
        <translation>地图：平移</translation>
    </message>
    <message>
        <location filename="../widgets/console/assemble.py" line="283"/>
        <source>Wheel / + / -</source>
        <translation>滚轮 / + / -</translation>
    </message>
    <message>
        <location filename="../widgets/console/assemble.py" line="284"/>
        <source>Map: zoom around the cursor</source>
        <translation>地图：以光标为中心缩放</translation>
    </message>
    <message>
        <location filename="../widgets/console/assemble.py" line="287"/>
        <source>Right-click</source>
        <translation>右键单击</translation>
    </message>
    <message>
        <location filename="../widgets/console/assemble.py" line="288"/>
        <source>Map: new incident here, dispatch nearest unit, cameras covering a point</source>
        <translation>地图：在此新建事件、派遣最近单位、查看覆盖该点的摄像头</translation>
    </message>
    <message>
        <location filename="../widgets/console/assemble.py" line="293"/>
        <source>Click</source>
        <translation>单击</translation>
    </message>
    <message>
        <location filename="../widgets/console/assemble.py" line="294"/>
        <source>Map: select an incident (queue and detail follow)</source>
        <translation>地图：选择事件（队列和详情随之切换）</translation>
    </message>
    <message>
        <location filename="../widgets/console/assemble.py" line="298"/>
        <source>Map: show / hide the legend</source>
        <translation>地图：显示 / 隐藏图例</translation>
    </message>
    <message>
        <location filename="../widgets/console/assemble.py" line="302"/>
        <source>Map: find an address, corner or landmark; Enter centres on it</source>
        <translation>地图：查找地址、路口或地标；按 Enter 居中显示</translation>
    </message>
    <message>
        <location filename="../widgets/console/assemble.py" line="308"/>
        <source>Video: fill the wall with the cameras covering the selected incident</source>
        <translation>视频：用覆盖所选事件的摄像头填充视频墙</translation>
    </message>
    <message>
        <location filename="../widgets/console/assemble.py" line="313"/>
        <source>Double-click</source>
        <translation>双击</translation>
    </message>
    <message>
        <location filename="../widgets/console/assemble.py" line="314"/>
        <source>Video: maximise a tile / back to the grid</source>
        <translation>视频：最大化画面 / 返回网格</translation>
    </message>
    <message>
        <location filename="../widgets/console/assemble.py" line="317"/>
        <source>Drag a camera</source>
        <translation>拖动摄像头</translation>
    </message>
    <message>
        <location filename="../widgets/console/assemble.py" line="318"/>
        <source>Video: from the camera list onto a tile</source>
        <translation>视频：从摄像头列表拖到画面上</translation>
    </message>
    <message>
        <location filename="../widgets/console/assemble.py" line="324"/>
        <source>Replay: play / pause (timeline focused)</source>
        <translation>回放：播放 / 暂停（时间轴获得焦点时）</translation>
    </message>
    <message>
        <location filename="../widgets/console/assemble.py" line="328"/>
        <source>Replay: step to the next event</source>
        <translation>回放：跳到下一个事件</translation>
    </message>
    <message>
        <location filename="../widgets/console/command_line.py" line="19"/>
        <source>F2 / Ctrl+K</source>
        <translation>F2 / Ctrl+K</translation>
    </message>
    <message>
        <location filename="../widgets/console/command_line.py" line="19"/>
        <source>Focus the command line</source>
        <translation>聚焦命令行</translation>
    </message>
    <message>
        <location filename="../widgets/console/command_line.py" line="21"/>
        <location filename="../widgets/queue/queue_view.py" line="34"/>
        <source>Up / Down</source>
        <translation>上 / 下</translation>
    </message>
    <message>
        <location filename="../widgets/console/command_line.py" line="22"/>
        <source>Command line: previous / next command in history</source>
        <translation>命令行：历史中的上一条 / 下一条命令</translation>
    </message>
    <message>
        <location filename="../widgets/console/command_line.py" line="26"/>
        <source>Command line: complete the word (verbs, categories, units, incidents)</source>
        <translation>命令行：补全单词（命令、类别、单位、事件）</translation>
    </message>
    <message>
        <location filename="../widgets/console/command_line.py" line="30"/>
        <source>Command line: run</source>
        <translation>命令行：执行</translation>
    </message>
    <message>
        <location filename="../widgets/console/command_line.py" line="31"/>
        <source>Command line: clear</source>
        <translation>命令行：清空</translation>
    </message>
    <message>
        <location filename="../widgets/console/main_window.py" line="32"/>
        <source>This help</source>
        <translation>本帮助</translation>
    </message>
    <message>
        <location filename="../widgets/console/main_window.py" line="33"/>
        <source>Focus the incident queue</source>
        <translation>聚焦事件队列</translation>
    </message>
    <message>
        <location filename="../widgets/console/main_window.py" line="34"/>
        <source>Focus intake (new call)</source>
        <translation>聚焦受理（新来电）</translation>
    </message>
    <message>
        <location filename="../widgets/console/main_window.py" line="35"/>
        <source>Focus the map</source>
        <translation>聚焦地图</translation>
    </message>
    <message>
        <location filename="../widgets/console/main_window.py" line="36"/>
        <source>Department scores (evaluation)</source>
        <translation>部门评分（评价）</translation>
    </message>
    <message>
        <location filename="../widgets/console/main_window.py" line="37"/>
        <source>Send the current panel to monitor N</source>
        <translation>将当前面板发送到第 N 个显示器</translation>
    </message>
    <message>
        <location filename="../widgets/console/main_window.py" line="38"/>
        <source>Save the layout of this workstation</source>
        <translation>保存本工作站的布局</translation>
    </message>
    <message>
        <location filename="../widgets/console/main_window.py" line="39"/>
        <source>Quit (the layout is saved)</source>
        <translation>退出（布局会被保存）</translation>
    </message>
    <message>
        <location filename="../widgets/queue/queue_view.py" line="27"/>
        <source>Queue: search text</source>
        <translation>队列：搜索文字</translation>
    </message>
    <message>
        <location filename="../widgets/queue/queue_view.py" line="29"/>
        <source>Alt+1 / Alt+2 / Alt+3</source>
        <translation>Alt+1 / Alt+2 / Alt+3</translation>
    </message>
    <message>
        <location filename="../widgets/queue/queue_view.py" line="30"/>
        <source>Queue: toggle pending / active / closed</source>
        <translation>队列：切换 待处理 / 处理中 / 已结</translation>
    </message>
    <message>
        <location filename="../widgets/queue/queue_view.py" line="32"/>
        <source>Queue: acknowledge the flashing priority-1 alert</source>
        <translation>队列：确认闪烁的一级警报</translation>
    </message>
    <message>
        <location filename="../widgets/queue/queue_view.py" line="35"/>
        <source>Queue: move the selection (detail and map follow)</source>
        <translation>队列：移动选择（详情和地图随之切换）</translation>
    </message>
    <message>
        <location filename="../widgets/refusals/refusal_inbox.py" line="23"/>
        <source>Enter (inbox)</source>
        <translation>Enter（拒绝收件箱）</translation>
    </message>
    <message>
        <location filename="../widgets/refusals/refusal_inbox.py" line="24"/>
        <source>Refusals: open the case of the selected refusal</source>
        <translation>拒绝：打开所选拒绝对应的案件</translation>
    </message>
    <message>
        <location filename="../widgets/refusals/refusal_inbox.py" line="27"/>
        <source>Ctrl+R (inbox)</source>
        <translation>Ctrl+R（拒绝收件箱）</translation>
    </message>
    <message>
        <location filename="../widgets/refusals/refusal_inbox.py" line="28"/>
        <source>Refusals: redo the selected command on the case as it is now</source>
        <translation>拒绝：按案件当前状态重做所选命令</translation>
    </message>
    <message>
        <location filename="../widgets/refusals/refusal_inbox.py" line="31"/>
        <source>Delete (inbox)</source>
        <translation>Delete（拒绝收件箱）</translation>
    </message>
    <message>
        <location filename="../widgets/refusals/refusal_inbox.py" line="32"/>
        <source>Refusals: dismiss the selected refusal for good</source>
        <translation>拒绝：永久忽略所选拒绝</translation>
    </message>
    <message>
        <location filename="../widgets/resources/recommendation_panel.py" line="37"/>
        <source>Enter / D</source>
        <translation>Enter / D</translation>
    </message>
    <message>
        <location filename="../widgets/resources/recommendation_panel.py" line="38"/>
        <source>Dispatch the selected recommended units</source>
        <translation>派遣所选的推荐单位</translation>
    </message>
    <message>
        <location filename="../widgets/resources/recommendation_panel.py" line="40"/>
        <source>Dispatch the top N (the category&apos;s units needed)</source>
        <translation>派遣前 N 个（该类别所需的单位数）</translation>
    </message>
    <message>
        <location filename="../widgets/resources/recommendation_panel.py" line="42"/>
        <source>↑ / ↓, Shift+↓</source>
        <translation>↑ / ↓，Shift+↓</translation>
    </message>
    <message>
        <location filename="../widgets/resources/recommendation_panel.py" line="43"/>
        <source>Move / extend the selection</source>
        <translation>移动 / 扩展选择</translation>
    </message>
    <message>
        <location filename="../widgets/resources/resource_panel.py" line="30"/>
        <source>Request linkage for the selected incident</source>
        <translation>为所选事件请求联动</translation>
    </message>
    <message>
        <location filename="../widgets/resources/unit_status_bar.py" line="30"/>
        <source>Selected unit: En route</source>
        <translation>所选单位：途中</translation>
    </message>
    <message>
        <location filename="../widgets/resources/unit_status_bar.py" line="31"/>
        <source>Selected unit: On scene</source>
        <translation>所选单位：在现场</translation>
    </message>
    <message>
        <location filename="../widgets/resources/unit_status_bar.py" line="32"/>
        <source>Selected unit: Returning</source>
        <translation>所选单位：返回中</translation>
    </message>
    <message>
        <location filename="../widgets/resources/unit_status_bar.py" line="33"/>
        <source>Selected unit: Available</source>
        <translation>所选单位：可用</translation>
    </message>
    <message>
        <location filename="../widgets/resources/unit_status_bar.py" line="34"/>
        <source>Selected unit: Out of service</source>
        <translation>所选单位：停用</translation>
    </message>
    <message>
        <location filename="../widgets/detail/detail_panel.py" line="42"/>
        <source>Request a deadline extension</source>
        <translation>申请延长时限</translation>
    </message>
    <message>
        <location filename="../widgets/detail/detail_panel.py" line="45"/>
        <source>Approve the waiting extension (supervisor)</source>
        <translation>批准待审的延期（值班长）</translation>
    </message>
    <message>
        <location filename="../widgets/detail/detail_panel.py" line="49"/>
        <source>Refuse the waiting extension (supervisor)</source>
        <translation>拒绝待审的延期（值班长）</translation>
    </message>
    <message>
        <location filename="../widgets/detail/detail_panel.py" line="51"/>
        <source>Suspend the stage clock (supervisor)</source>
        <translation>暂停阶段计时（值班长）</translation>
    </message>
    <message>
        <location filename="../widgets/detail/detail_panel.py" line="52"/>
        <source>Resume the stage clock (supervisor)</source>
        <translation>恢复阶段计时（值班长）</translation>
    </message>
    <message>
        <location filename="../widgets/detail/detail_panel.py" line="55"/>
        <source>Type a note on the incident (Ctrl+Enter or Add note adds it)</source>
        <translation>为事件输入备注（Ctrl+Enter 或“添加备注”添加）</translation>
    </message>
    <message>
        <location filename="../widgets/detail/detail_panel.py" line="59"/>
        <source>Incident history with full times; printable report (PDF)</source>
        <translation>事件历史（完整时间）；可打印报告（PDF）</translation>
    </message>
    <message>
        <location filename="../widgets/detail/detail_panel.py" line="63"/>
        <source>Show the cameras covering the incident on the video wall</source>
        <translation>在视频墙上显示覆盖事件的摄像头</translation>
    </message>
    <message>
        <location filename="../widgets/detail/detail_panel.py" line="65"/>
        <source>Cancel the reason being typed</source>
        <translation>取消正在输入的理由</translation>
    </message>
    <message>
        <location filename="../widgets/detail/transition_bar.py" line="38"/>
        <source>Register</source>
        <translation>立案</translation>
    </message>
    <message>
        <location filename="../widgets/detail/transition_bar.py" line="39"/>
        <source>Reject (invalid / duplicate)</source>
        <translation>不予受理（无效 / 重复）</translation>
    </message>
    <message>
        <location filename="../widgets/detail/transition_bar.py" line="40"/>
        <source>Dispatch</source>
        <translation>派遣</translation>
    </message>
    <message>
        <location filename="../widgets/detail/transition_bar.py" line="41"/>
        <source>Start handling</source>
        <translation>开始处置</translation>
    </message>
    <message>
        <location filename="../widgets/detail/transition_bar.py" line="42"/>
        <source>Resolve (feedback)</source>
        <translation>处置完毕（反馈）</translation>
    </message>
    <message>
        <location filename="../widgets/detail/transition_bar.py" line="43"/>
        <source>Verify</source>
        <translation>核查</translation>
    </message>
    <message>
        <location filename="../widgets/detail/transition_bar.py" line="44"/>
        <source>Fail verification (rework)</source>
        <translation>核查不通过（返工）</translation>
    </message>
    <message>
        <location filename="../widgets/detail/transition_bar.py" line="45"/>
        <source>Close</source>
        <translation>结案</translation>
    </message>
    <message>
        <location filename="../widgets/detail/transition_bar.py" line="46"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../widgets/detail/transition_bar.py" line="47"/>
        <source>Reopen</source>
        <translation>重新打开</translation>
    </message>
    <message>
        <location filename="../widgets/intake/keys.py" line="24"/>
        <source>Focus the category search (↓/↑ browse, Enter picks)</source>
        <translation>聚焦类别搜索（↓/↑ 浏览，Enter 选定）</translation>
    </message>
    <message>
        <location filename="../widgets/intake/keys.py" line="28"/>
        <source>Focus the location search (Enter picks the top place)</source>
        <translation>聚焦位置搜索（Enter 选定第一个地点）</translation>
    </message>
    <message>
        <location filename="../widgets/intake/keys.py" line="30"/>
        <source>Pick the location on the map</source>
        <translation>在地图上选取位置</translation>
    </message>
    <message>
        <location filename="../widgets/intake/keys.py" line="31"/>
        <source>Ctrl+1 … Ctrl+4</source>
        <translation>Ctrl+1 … Ctrl+4</translation>
    </message>
    <message>
        <location filename="../widgets/intake/keys.py" line="31"/>
        <source>Set priority 1-4</source>
        <translation>设置优先级 1-4</translation>
    </message>
    <message>
        <location filename="../widgets/intake/keys.py" line="34"/>
        <source>Create the incident (also Enter in the contact field)</source>
        <translation>创建事件（在联系方式栏按 Enter 亦可）</translation>
    </message>
    <message>
        <location filename="../widgets/intake/keys.py" line="36"/>
        <source>Create and dispatch the recommended units</source>
        <translation>创建并派遣推荐单位</translation>
    </message>
    <message>
        <location filename="../widgets/intake/keys.py" line="39"/>
        <source>Add this call as a further call to the suggested duplicate</source>
        <translation>将此来电作为追加来电加入疑似重复事件</translation>
    </message>
    <message>
        <location filename="../widgets/intake/keys.py" line="43"/>
        <source>Create this report and merge it into the suggested duplicate</source>
        <translation>创建此报告并合并到疑似重复事件</translation>
    </message>
    <message>
        <location filename="../widgets/intake/keys.py" line="45"/>
        <source>Clear the form for the next call</source>
        <translation>清空表单，准备下一个来电</translation>
    </message>
    <message>
        <location filename="../widgets/intake/keys.py" line="50"/>
        <source>P1 critical</source>
        <translation>P1 紧急</translation>
    </message>
    <message>
        <location filename="../widgets/intake/keys.py" line="51"/>
        <source>P2 urgent</source>
        <translation>P2 急</translation>
    </message>
    <message>
        <location filename="../widgets/intake/keys.py" line="52"/>
        <source>P3 routine</source>
        <translation>P3 一般</translation>
    </message>
    <message>
        <location filename="../widgets/intake/keys.py" line="53"/>
        <source>P4 low</source>
        <translation>P4 低</translation>
    </message>
</context>
<context>
    <name>KpiStrip</name>
    <message>
        <location filename="../widgets/evaluation/kpi_strip.py" line="26"/>
        <source>Cases</source>
        <translation>案件数</translation>
    </message>
    <message>
        <location filename="../widgets/evaluation/kpi_strip.py" line="27"/>
        <source>Score /100</source>
        <translation>得分 /100</translation>
    </message>
    <message>
        <location filename="../widgets/evaluation/kpi_strip.py" line="28"/>
        <source>Dispatched ≤ 60 s</source>
        <translation>60 秒内派遣</translation>
    </message>
    <message>
        <location filename="../widgets/evaluation/kpi_strip.py" line="29"/>
        <source>Dispatch p50 · p90</source>
        <translation>派遣 p50 · p90</translation>
    </message>
    <message>
        <location filename="../widgets/evaluation/kpi_strip.py" line="30"/>
        <source>On scene p50 · p90</source>
        <translation>到场 p50 · p90</translation>
    </message>
    <message>
        <location filename="../widgets/evaluation/kpi_strip.py" line="31"/>
        <source>Handled on time</source>
        <translation>按时处置</translation>
    </message>
    <message>
        <location filename="../widgets/evaluation/kpi_strip.py" line="32"/>
        <source>Overdue open</source>
        <translation>超期未结</translation>
    </message>
</context>
<context>
    <name>LibraryTab</name>
    <message>
        <location filename="../widgets/admin/library_tab.py" line="24"/>
        <source>Register</source>
        <translation>立案</translation>
    </message>
    <message>
        <location filename="../widgets/admin/library_tab.py" line="25"/>
        <source>Dispatch</source>
        <translation>派遣</translation>
    </message>
    <message>
        <location filename="../widgets/admin/library_tab.py" line="26"/>
        <source>Handle</source>
        <translation>处置</translation>
    </message>
    <message>
        <location filename="../widgets/admin/library_tab.py" line="27"/>
        <source>Verify</source>
        <translation>核查</translation>
    </message>
    <message>
        <location filename="../widgets/admin/library_tab.py" line="44"/>
        <source>Code</source>
        <translation>代码</translation>
    </message>
    <message>
        <location filename="../widgets/admin/library_tab.py" line="45"/>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location filename="../widgets/admin/library_tab.py" line="46"/>
        <source>中文</source>
        <translation>中文</translation>
    </message>
    <message>
        <location filename="../widgets/admin/library_tab.py" line="47"/>
        <location filename="../widgets/admin/library_tab.py" line="75"/>
        <source>Department</source>
        <translation>部门</translation>
    </message>
    <message>
        <location filename="../widgets/admin/library_tab.py" line="61"/>
        <source>counts working hours only</source>
        <translation>仅计工作时间</translation>
    </message>
    <message>
        <location filename="../widgets/admin/library_tab.py" line="68"/>
        <source> min</source>
        <translation> 分钟</translation>
    </message>
    <message>
        <location filename="../widgets/admin/library_tab.py" line="73"/>
        <source>English name</source>
        <translation>英文名称</translation>
    </message>
    <message>
        <location filename="../widgets/admin/library_tab.py" line="74"/>
        <source>Chinese name</source>
        <translation>中文名称</translation>
    </message>
    <message>
        <location filename="../widgets/admin/library_tab.py" line="76"/>
        <source>Default priority</source>
        <translation>默认优先级</translation>
    </message>
    <message>
        <location filename="../widgets/admin/library_tab.py" line="77"/>
        <source>Stage limits</source>
        <translation>阶段时限</translation>
    </message>
    <message>
        <location filename="../widgets/admin/library_tab.py" line="80"/>
        <source>Save as a new library version</source>
        <translation>保存为新的分类库版本</translation>
    </message>
    <message>
        <location filename="../widgets/admin/library_tab.py" line="99"/>
        <source>Library version %1</source>
        <translation>分类库版本 %1</translation>
    </message>
    <message>
        <location filename="../widgets/admin/library_tab.py" line="164"/>
        <source>Cases opened from now on use the change</source>
        <translation>此后新建的案件采用此更改</translation>
    </message>
    <message>
        <location filename="../widgets/admin/library_tab.py" line="172"/>
        <source>Not saved: %1</source>
        <translation>未保存：%1</translation>
    </message>
    <message>
        <location filename="../widgets/admin/library_tab.py" line="175"/>
        <source>Saved %1: a new library version</source>
        <translation>已保存 %1：新的分类库版本</translation>
    </message>
</context>
<context>
    <name>LinkagePanel</name>
    <message>
        <location filename="../widgets/resources/linkage_panel.py" line="153"/>
        <source>Dispatch a unit of this agency to the incident before fulfilling</source>
        <translation>完成前请先向该事件派遣本部门的单位</translation>
    </message>
</context>
<context>
    <name>LinkageRequestForm</name>
    <message>
        <location filename="../widgets/resources/linkage_request_form.py" line="48"/>
        <source>Request linkage (%1)</source>
        <translation>请求联动（%1）</translation>
    </message>
    <message>
        <location filename="../widgets/resources/linkage_request_form.py" line="58"/>
        <source>Ask</source>
        <translation>请求</translation>
    </message>
    <message>
        <location filename="../widgets/resources/linkage_request_form.py" line="119"/>
        <source>Ask for help on %1 (%2)</source>
        <translation>为 %1 请求支援（%2）</translation>
    </message>
</context>
<context>
    <name>LocationField</name>
    <message>
        <location filename="../widgets/intake/location_field.py" line="48"/>
        <source>Pick on map</source>
        <translation>在地图上选取</translation>
    </message>
    <message>
        <location filename="../widgets/intake/location_field.py" line="120"/>
        <source>Spelling corrected: check this is the place meant</source>
        <translation>拼写已更正：请确认这是所指的地点</translation>
    </message>
    <message>
        <location filename="../widgets/intake/location_field.py" line="138"/>
        <source>“%1” is not a lat,lon pair (no address search on this workstation)</source>
        <translation>“%1”不是 纬度,经度 坐标（本工作站无地址搜索）</translation>
    </message>
    <message>
        <location filename="../widgets/intake/location_field.py" line="140"/>
        <source>No street, intersection or place matches “%1”</source>
        <translation>没有与“%1”匹配的街道、路口或地点</translation>
    </message>
    <message>
        <location filename="../widgets/intake/location_field.py" line="148"/>
        <source> — Closest: {names}</source>
        <translation> — 最接近：{names}</translation>
    </message>
    <message>
        <location filename="../widgets/intake/location_field.py" line="175"/>
        <source>%1, %2 is not a valid position</source>
        <translation>%1, %2 不是有效位置</translation>
    </message>
    <message>
        <location filename="../widgets/intake/location_field.py" line="219"/>
        <source>Address, block, intersection (“24th &amp; mission”), landmark, or lat,lon — Enter picks</source>
        <translation>地址、街区、路口（“24th &amp; mission”）、地标或 纬度,经度 — Enter 选定</translation>
    </message>
    <message>
        <location filename="../widgets/intake/location_field.py" line="223"/>
        <source>lat,lon — Enter picks</source>
        <translation>纬度,经度 — Enter 选定</translation>
    </message>
    <message>
        <location filename="../widgets/intake/location_field.py" line="235"/>
        <source>No location yet</source>
        <translation>尚无位置</translation>
    </message>
    <message>
        <location filename="../widgets/intake/location_field.py" line="238"/>
        <source>no grid cell</source>
        <translation>无网格</translation>
    </message>
    <message>
        <location filename="../widgets/intake/location_field.py" line="239"/>
        <source>outside the city&apos;s neighbourhoods</source>
        <translation>不在本市社区范围内</translation>
    </message>
    <message>
        <location filename="../widgets/intake/location_field.py" line="241"/>
        <source>Located: %1</source>
        <translation>已定位：%1</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../widgets/console/main_window.py" line="74"/>
        <source>CityOps — Urban Operations Console</source>
        <translation>CityOps — 城市运行指挥台</translation>
    </message>
    <message>
        <location filename="../widgets/console/main_window.py" line="84"/>
        <location filename="../widgets/console/main_window.py" line="169"/>
        <source>Incident queue</source>
        <translation>事件队列</translation>
    </message>
    <message>
        <location filename="../widgets/console/main_window.py" line="91"/>
        <location filename="../widgets/console/main_window.py" line="118"/>
        <location filename="../widgets/console/main_window.py" line="160"/>
        <location filename="../widgets/console/main_window.py" line="161"/>
        <source>Command line</source>
        <translation>命令行</translation>
    </message>
    <message>
        <location filename="../widgets/console/main_window.py" line="117"/>
        <source>Console</source>
        <translation>指挥台</translation>
    </message>
    <message>
        <location filename="../widgets/console/main_window.py" line="120"/>
        <source>Command verbs</source>
        <translation>命令</translation>
    </message>
    <message>
        <location filename="../widgets/console/main_window.py" line="153"/>
        <source>F&amp;ile</source>
        <translation>文件(&amp;I)</translation>
    </message>
    <message>
        <location filename="../widgets/console/main_window.py" line="154"/>
        <source>Save layout</source>
        <translation>保存布局</translation>
    </message>
    <message>
        <location filename="../widgets/console/main_window.py" line="155"/>
        <source>Sound settings…</source>
        <translation>声音设置…</translation>
    </message>
    <message>
        <location filename="../widgets/console/main_window.py" line="156"/>
        <source>Sign out</source>
        <translation>退出登录</translation>
    </message>
    <message>
        <location filename="../widgets/console/main_window.py" line="157"/>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
    <message>
        <location filename="../widgets/console/main_window.py" line="158"/>
        <source>Incident</source>
        <translation>案件</translation>
    </message>
    <message>
        <location filename="../widgets/console/main_window.py" line="159"/>
        <source>New call (intake)</source>
        <translation>新来电（受理）</translation>
    </message>
    <message>
        <location filename="../widgets/console/main_window.py" line="162"/>
        <source>Acknowledge priority-1 alerts</source>
        <translation>确认一级警报</translation>
    </message>
    <message>
        <location filename="../widgets/console/main_window.py" line="168"/>
        <source>View</source>
        <translation>视图</translation>
    </message>
    <message>
        <location filename="../widgets/console/main_window.py" line="170"/>
        <source>Map</source>
        <translation>地图</translation>
    </message>
    <message>
        <location filename="../widgets/console/main_window.py" line="171"/>
        <source>Department scores</source>
        <translation>部门考核得分</translation>
    </message>
    <message>
        <location filename="../widgets/console/main_window.py" line="178"/>
        <source>Wo&amp;rkspace</source>
        <translation>工作区(&amp;R)</translation>
    </message>
    <message>
        <location filename="../widgets/console/main_window.py" line="180"/>
        <source>Preset: %1</source>
        <translation>预设：%1</translation>
    </message>
    <message>
        <location filename="../widgets/console/main_window.py" line="184"/>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <location filename="../widgets/console/main_window.py" line="185"/>
        <source>Keys and commands</source>
        <translation>快捷键与命令</translation>
    </message>
    <message>
        <location filename="../widgets/console/main_window.py" line="231"/>
        <source>NEW PRIORITY 1: %1 %2</source>
        <translation>新一级事件：%1 %2</translation>
    </message>
</context>
<context>
    <name>MapLegend</name>
    <message>
        <location filename="../widgets/map/legend.py" line="26"/>
        <source>Incidents (colour = priority)</source>
        <translation>事件（颜色 = 优先级）</translation>
    </message>
    <message>
        <location filename="../widgets/map/legend.py" line="30"/>
        <source>waiting: reported / registered</source>
        <translation>等待：已报告 / 已登记</translation>
    </message>
    <message>
        <location filename="../widgets/map/legend.py" line="34"/>
        <source>with crews: dispatched / handling</source>
        <translation>已派人员：已派遣 / 处置中</translation>
    </message>
    <message>
        <location filename="../widgets/map/legend.py" line="36"/>
        <source>awaiting verification</source>
        <translation>等待核查</translation>
    </message>
    <message>
        <location filename="../widgets/map/legend.py" line="39"/>
        <source>pulsing ring: a stage is overdue</source>
        <translation>闪烁圆环：某阶段已超时</translation>
    </message>
    <message>
        <location filename="../widgets/map/legend.py" line="41"/>
        <source>Units (colour = department)</source>
        <translation>单位（颜色 = 部门）</translation>
    </message>
    <message>
        <location filename="../widgets/map/legend.py" line="42"/>
        <source>arrow points the way it heads</source>
        <translation>箭头指向行进方向</translation>
    </message>
    <message>
        <location filename="../widgets/map/legend.py" line="43"/>
        <source>white rim: on a job</source>
        <translation>白色边框：执行任务中</translation>
    </message>
    <message>
        <location filename="../widgets/map/legend.py" line="44"/>
        <source>faded: no position for 5 min</source>
        <translation>淡色：5 分钟无位置</translation>
    </message>
    <message>
        <location filename="../widgets/map/legend.py" line="45"/>
        <source>camera and its view</source>
        <translation>摄像头及其视野</translation>
    </message>
    <message>
        <location filename="../widgets/map/legend.py" line="46"/>
        <source>L hides this legend</source>
        <translation>按 L 隐藏图例</translation>
    </message>
    <message>
        <location filename="../widgets/map/legend.py" line="61"/>
        <source>Legend: L</source>
        <translation>图例：L</translation>
    </message>
</context>
<context>
    <name>MapMenu</name>
    <message>
        <location filename="../widgets/map/map_menu.py" line="98"/>
        <source>New incident here</source>
        <translation>在此新建事件</translation>
    </message>
    <message>
        <location filename="../widgets/map/map_menu.py" line="101"/>
        <source>Dispatch nearest unit</source>
        <translation>派遣最近的单位</translation>
    </message>
    <message>
        <location filename="../widgets/map/map_menu.py" line="104"/>
        <source>Show cameras covering this point</source>
        <translation>显示覆盖此点的摄像头</translation>
    </message>
    <message>
        <location filename="../widgets/map/map_menu.py" line="107"/>
        <source>Fit to selected incident</source>
        <translation>缩放到所选事件</translation>
    </message>
    <message>
        <location filename="../widgets/map/map_menu.py" line="113"/>
        <source>Follow unit %1</source>
        <translation>跟随单位 %1</translation>
    </message>
    <message>
        <location filename="../widgets/map/map_menu.py" line="117"/>
        <source>Stop following %1</source>
        <translation>停止跟随 %1</translation>
    </message>
    <message>
        <location filename="../widgets/map/map_menu.py" line="123"/>
        <source>Copy %1</source>
        <translation>复制 %1</translation>
    </message>
</context>
<context>
    <name>MapSearch</name>
    <message>
        <location filename="../widgets/map/map_search.py" line="39"/>
        <source>Find a place (Ctrl+F): address, corner, landmark</source>
        <translation>查找地点（Ctrl+F）：地址、路口、地标</translation>
    </message>
    <message>
        <location filename="../widgets/map/map_search.py" line="100"/>
        <source>No match</source>
        <translation>无匹配</translation>
    </message>
    <message>
        <location filename="../widgets/map/map_search.py" line="102"/>
        <source> — closest: {names}</source>
        <translation> — 最接近：{names}</translation>
    </message>
</context>
<context>
    <name>MapTooltip</name>
    <message>
        <location filename="../widgets/map/map_menu.py" line="27"/>
        <source>registration</source>
        <translation>登记</translation>
    </message>
    <message>
        <location filename="../widgets/map/map_menu.py" line="28"/>
        <source>dispatch</source>
        <translation>派遣</translation>
    </message>
    <message>
        <location filename="../widgets/map/map_menu.py" line="29"/>
        <source>handling</source>
        <translation>处置</translation>
    </message>
    <message>
        <location filename="../widgets/map/map_menu.py" line="30"/>
        <source>verification</source>
        <translation>核查</translation>
    </message>
    <message>
        <location filename="../widgets/map/map_menu.py" line="53"/>
        <source>OVERDUE: %1</source>
        <translation>超时：%1</translation>
    </message>
    <message>
        <location filename="../widgets/map/map_menu.py" line="71"/>
        <source>no position reported yet (shown at its station)</source>
        <translation>尚未报告位置（显示在所属站点）</translation>
    </message>
    <message>
        <location filename="../widgets/map/map_menu.py" line="76"/>
        <source>position %1 old</source>
        <translation>位置已是 %1 前</translation>
    </message>
    <message>
        <location filename="../widgets/map/map_menu.py" line="85"/>
        <source>camera · %1</source>
        <translation>摄像头 · %1</translation>
    </message>
</context>
<context>
    <name>MergeSection</name>
    <message>
        <location filename="../widgets/detail/merge_section.py" line="54"/>
        <location filename="../widgets/detail/merge_section.py" line="120"/>
        <source>Unmerge…</source>
        <translation>取消合并…</translation>
    </message>
    <message>
        <location filename="../widgets/detail/merge_section.py" line="97"/>
        <source>Merged into %1</source>
        <translation>已合并到 %1</translation>
    </message>
    <message>
        <location filename="../widgets/detail/merge_section.py" line="98"/>
        <source>handled there; its closing closes this report</source>
        <translation>由该案件处理；其结案时此报告一并结案</translation>
    </message>
    <message>
        <location filename="../widgets/detail/merge_section.py" line="104"/>
        <source>Reports merged into this case (%1)</source>
        <translation>合并到本案件的报告 (%1)</translation>
    </message>
    <message>
        <location filename="../widgets/detail/merge_section.py" line="115"/>
        <source>Reported %1; merged %2 by %3</source>
        <translation>上报于 %1；由 %3 于 %2 合并</translation>
    </message>
    <message>
        <location filename="../widgets/detail/merge_section.py" line="145"/>
        <source>Take this report out: its own case again, in the stage it had</source>
        <translation>取出此报告：恢复为独立案件，回到原来的阶段</translation>
    </message>
    <message>
        <location filename="../widgets/detail/merge_section.py" line="166"/>
        <source>Why unmerge %1?</source>
        <translation>为何取消合并 %1？</translation>
    </message>
</context>
<context>
    <name>NarrativeView</name>
    <message>
        <location filename="../widgets/detail/narrative_view.py" line="106"/>
        <source>Struck out by %1 at %2: %3</source>
        <translation>已由 %1 于 %2 划除：%3</translation>
    </message>
    <message>
        <location filename="../widgets/detail/narrative_view.py" line="138"/>
        <source>Show %1 older entries</source>
        <translation>显示更早的 %1 条记录</translation>
    </message>
    <message>
        <location filename="../widgets/detail/narrative_view.py" line="141"/>
        <source>No entries yet.</source>
        <translation>暂无记录。</translation>
    </message>
    <message>
        <location filename="../widgets/detail/narrative_view.py" line="179"/>
        <source>Strike out…</source>
        <translation>划除…</translation>
    </message>
    <message>
        <location filename="../widgets/detail/narrative_view.py" line="183"/>
        <source>Struck out already by %1</source>
        <translation>已由 %1 划除</translation>
    </message>
    <message>
        <location filename="../widgets/detail/narrative_view.py" line="187"/>
        <source>Strike this note out with a reason; it stays visible</source>
        <translation>填写原因后划除此备注；备注仍保留可见</translation>
    </message>
</context>
<context>
    <name>Nearby</name>
    <message>
        <location filename="../widgets/nearby_text.py" line="18"/>
        <source>near %1 (%2 m) · %3 (%4 m)</source>
        <translation>靠近 %1（%2 米）· %3（%4 米）</translation>
    </message>
</context>
<context>
    <name>Panels</name>
    <message>
        <location filename="../widgets/console/assemble.py" line="137"/>
        <source>Map</source>
        <translation>地图</translation>
    </message>
    <message>
        <location filename="../widgets/console/assemble.py" line="140"/>
        <source>Incident detail</source>
        <translation>事件详情</translation>
    </message>
    <message>
        <location filename="../widgets/console/assemble.py" line="146"/>
        <source>Intake (new call)</source>
        <translation>受理（新来电）</translation>
    </message>
    <message>
        <location filename="../widgets/console/assemble.py" line="152"/>
        <source>Recommended units</source>
        <translation>推荐单位</translation>
    </message>
    <message>
        <location filename="../widgets/console/assemble.py" line="180"/>
        <source>Refusals</source>
        <translation>被拒指令</translation>
    </message>
    <message>
        <location filename="../widgets/console/assemble.py" line="188"/>
        <source>Command board</source>
        <translation>指挥看板</translation>
    </message>
    <message>
        <location filename="../widgets/console/assemble.py" line="198"/>
        <source>Audit</source>
        <translation>审计</translation>
    </message>
    <message>
        <location filename="../widgets/console/assemble.py" line="208"/>
        <source>Administration</source>
        <translation>系统管理</translation>
    </message>
    <message>
        <location filename="../widgets/console/assemble.py" line="219"/>
        <source>Public warnings</source>
        <translation>公众预警</translation>
    </message>
    <message>
        <location filename="../widgets/console/assemble.py" line="229"/>
        <source>Inspectors</source>
        <translation>巡查员</translation>
    </message>
    <message>
        <location filename="../widgets/console/assemble.py" line="234"/>
        <source>Evaluation</source>
        <translation>考核评价</translation>
    </message>
    <message>
        <location filename="../widgets/console/assemble.py" line="247"/>
        <source>Evaluation dashboard</source>
        <translation>考评看板</translation>
    </message>
    <message>
        <location filename="../widgets/console/assemble.py" line="261"/>
        <source>Video wall</source>
        <translation>视频墙</translation>
    </message>
    <message>
        <location filename="../widgets/console/assemble.py" line="269"/>
        <source>Replay timeline</source>
        <translation>回放时间轴</translation>
    </message>
</context>
<context>
    <name>QueueView</name>
    <message>
        <location filename="../widgets/queue/queue_view.py" line="81"/>
        <source>Pending</source>
        <translation>待处理</translation>
    </message>
    <message>
        <location filename="../widgets/queue/queue_view.py" line="82"/>
        <source>Active</source>
        <translation>进行中</translation>
    </message>
    <message>
        <location filename="../widgets/queue/queue_view.py" line="83"/>
        <source>Closed</source>
        <translation>已关闭</translation>
    </message>
    <message>
        <location filename="../widgets/queue/queue_view.py" line="92"/>
        <source>Show or hide %1 incidents (Alt+%2)</source>
        <translation>显示或隐藏%1事件（Alt+%2）</translation>
    </message>
    <message>
        <location filename="../widgets/queue/queue_view.py" line="103"/>
        <source>Overdue</source>
        <translation>超时</translation>
    </message>
    <message>
        <location filename="../widgets/queue/queue_view.py" line="105"/>
        <source>Show only incidents whose current stage is overdue</source>
        <translation>仅显示当前阶段已超时的事件</translation>
    </message>
    <message>
        <location filename="../widgets/queue/queue_view.py" line="113"/>
        <source>Merged</source>
        <translation>已合并</translation>
    </message>
    <message>
        <location filename="../widgets/queue/queue_view.py" line="117"/>
        <source>Also show reports merged into a master case (worked through the master; the master&apos;s number shows how many it holds)</source>
        <translation>同时显示已合并到主案件的报告（通过主案件处理；主案件编号后显示其包含的报告数）</translation>
    </message>
    <message>
        <location filename="../widgets/queue/queue_view.py" line="126"/>
        <source>Search number, address, category, unit…  (Ctrl+F)</source>
        <translation>搜索编号、地址、类别、单位…  （Ctrl+F）</translation>
    </message>
    <message>
        <location filename="../widgets/queue/queue_view.py" line="133"/>
        <source>Show every case again</source>
        <translation>重新显示全部案件</translation>
    </message>
    <message>
        <location filename="../widgets/queue/queue_view.py" line="144"/>
        <source>All priorities</source>
        <translation>全部优先级</translation>
    </message>
    <message>
        <location filename="../widgets/queue/queue_view.py" line="146"/>
        <source>P%1 only</source>
        <translation>仅 P%1</translation>
    </message>
    <message>
        <location filename="../widgets/queue/queue_view.py" line="147"/>
        <source>P1-P2</source>
        <translation>P1-P2</translation>
    </message>
    <message>
        <location filename="../widgets/queue/queue_view.py" line="149"/>
        <source>All categories</source>
        <translation>全部类别</translation>
    </message>
    <message>
        <location filename="../widgets/queue/queue_view.py" line="153"/>
        <source>All departments</source>
        <translation>全部部门</translation>
    </message>
    <message>
        <location filename="../widgets/queue/queue_view.py" line="155"/>
        <source>All neighbourhoods</source>
        <translation>全部街区</translation>
    </message>
    <message>
        <location filename="../widgets/queue/queue_view.py" line="271"/>
        <source>✕ {0} ({1})</source>
        <translation>✕ {0}（{1}）</translation>
    </message>
    <message>
        <location filename="../widgets/queue/queue_view.py" line="322"/>
        <source>%1 of %2 shown</source>
        <translation>显示 %1 / 共 %2</translation>
    </message>
    <message>
        <location filename="../widgets/queue/queue_view.py" line="325"/>
        <source>Incidents shown / incidents in the checked groups (Pending, Active, Closed)</source>
        <translation>显示的事件 / 所选分组中的事件（待处理、进行中、已关闭）</translation>
    </message>
    <message>
        <location filename="../widgets/queue/queue_view.py" line="342"/>
        <source>Search: “%1”</source>
        <translation>搜索：“%1”</translation>
    </message>
    <message>
        <location filename="../widgets/queue/queue_view.py" line="345"/>
        <source>Priority</source>
        <translation>优先级</translation>
    </message>
    <message>
        <location filename="../widgets/queue/queue_view.py" line="346"/>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <location filename="../widgets/queue/queue_view.py" line="347"/>
        <source>Department</source>
        <translation>部门</translation>
    </message>
    <message>
        <location filename="../widgets/queue/queue_view.py" line="348"/>
        <source>Area</source>
        <translation>区域</translation>
    </message>
    <message>
        <location filename="../widgets/queue/queue_view.py" line="355"/>
        <source>Overdue only</source>
        <translation>仅超时</translation>
    </message>
</context>
<context>
    <name>ReasonPrompt</name>
    <message>
        <location filename="../widgets/detail/reason_prompt.py" line="33"/>
        <source>Reason:</source>
        <translation>理由：</translation>
    </message>
    <message>
        <location filename="../widgets/detail/reason_prompt.py" line="36"/>
        <source>Type the reason, Enter to confirm, Esc to cancel</source>
        <translation>输入理由，Enter 确认，Esc 取消</translation>
    </message>
    <message>
        <location filename="../widgets/detail/reason_prompt.py" line="37"/>
        <source>Confirm</source>
        <translation>确认</translation>
    </message>
    <message>
        <location filename="../widgets/detail/reason_prompt.py" line="39"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../widgets/detail/reason_prompt.py" line="69"/>
        <source>A reason is required</source>
        <translation>必须填写理由</translation>
    </message>
    <message>
        <location filename="../widgets/detail/reason_prompt.py" line="69"/>
        <source>Confirm (Enter)</source>
        <translation>确认（Enter）</translation>
    </message>
</context>
<context>
    <name>RecommendationPanel</name>
    <message>
        <location filename="../widgets/resources/recommendation_panel.py" line="248"/>
        <source>{unit} · {eta} by road</source>
        <translation>{unit} · 道路 {eta}</translation>
    </message>
    <message>
        <location filename="../widgets/resources/recommendation_panel.py" line="277"/>
        <source>Select an incident</source>
        <translation>请选择一个案件</translation>
    </message>
    <message>
        <location filename="../widgets/resources/recommendation_panel.py" line="280"/>
        <source>%1 already has %2 units (its category needs %3); select a unit to add one</source>
        <translation>%1 已有 %2 个单位（该类别需要 %3 个）；如需增加请选择单位</translation>
    </message>
    <message>
        <location filename="../widgets/resources/recommendation_panel.py" line="286"/>
        <source>No recommended unit selected</source>
        <translation>未选择推荐单位</translation>
    </message>
    <message>
        <location filename="../widgets/resources/recommendation_panel.py" line="88"/>
        <location filename="../widgets/resources/recommendation_panel.py" line="292"/>
        <source>Dispatch selected (Enter / D)</source>
        <translation>派遣所选（Enter / D）</translation>
    </message>
    <message>
        <location filename="../widgets/resources/recommendation_panel.py" line="90"/>
        <location filename="../widgets/resources/recommendation_panel.py" line="293"/>
        <source>Dispatch top (Ctrl+Enter)</source>
        <translation>派遣首选（Ctrl+Enter）</translation>
    </message>
    <message>
        <location filename="../widgets/resources/recommendation_panel.py" line="183"/>
        <source>Select an open incident to see recommended units</source>
        <translation>选择一个未结事件以查看推荐单位</translation>
    </message>
    <message>
        <location filename="../widgets/resources/recommendation_panel.py" line="185"/>
        <source>%1 is %2: nothing to dispatch</source>
        <translation>%1 状态为%2：无需派遣</translation>
    </message>
    <message>
        <location filename="../widgets/resources/recommendation_panel.py" line="201"/>
        <source>%1 on it</source>
        <translation>%1 个在处置</translation>
    </message>
    <message>
        <location filename="../widgets/resources/recommendation_panel.py" line="206"/>
        <source>needs %1: %2</source>
        <translation>需要 %1 个：%2</translation>
    </message>
    <message>
        <location filename="../widgets/resources/recommendation_panel.py" line="210"/>
        <source>no category data</source>
        <translation>无类别数据</translation>
    </message>
    <message>
        <location filename="../widgets/resources/recommendation_panel.py" line="297"/>
        <source>Dispatch %1</source>
        <translation>派遣 %1</translation>
    </message>
    <message>
        <location filename="../widgets/resources/recommendation_panel.py" line="322"/>
        <source>Dispatched %1 to %2</source>
        <translation>已向 %2 派遣 %1</translation>
    </message>
</context>
<context>
    <name>Refusal</name>
    <message>
        <location filename="../app/console/refusal_text.py" line="26"/>
        <source>Invalid input</source>
        <translation>输入无效</translation>
    </message>
    <message>
        <location filename="../app/console/refusal_text.py" line="27"/>
        <source>Not found</source>
        <translation>找不到对象</translation>
    </message>
    <message>
        <location filename="../app/console/refusal_text.py" line="28"/>
        <source>Nothing to change</source>
        <translation>无需更改</translation>
    </message>
    <message>
        <location filename="../app/console/refusal_text.py" line="29"/>
        <source>Text required</source>
        <translation>需要填写文字</translation>
    </message>
    <message>
        <location filename="../app/console/refusal_text.py" line="30"/>
        <source>Not allowed in this state</source>
        <translation>当前状态不允许此操作</translation>
    </message>
    <message>
        <location filename="../app/console/refusal_text.py" line="31"/>
        <source>Already exists</source>
        <translation>已存在</translation>
    </message>
    <message>
        <location filename="../app/console/refusal_text.py" line="32"/>
        <source>Unknown command</source>
        <translation>未知命令</translation>
    </message>
    <message>
        <location filename="../app/console/refusal_text.py" line="33"/>
        <source>Not signed in</source>
        <translation>未登录</translation>
    </message>
    <message>
        <location filename="../app/console/refusal_text.py" line="34"/>
        <source>Not permitted</source>
        <translation>无权限</translation>
    </message>
    <message>
        <location filename="../app/console/refusal_text.py" line="35"/>
        <source>Device disabled</source>
        <translation>设备已停用</translation>
    </message>
    <message>
        <location filename="../app/console/refusal_text.py" line="36"/>
        <source>Unavailable</source>
        <translation>不可用</translation>
    </message>
    <message>
        <location filename="../app/console/refusal_text.py" line="37"/>
        <source>Not assigned</source>
        <translation>未派遣到该事件</translation>
    </message>
    <message>
        <location filename="../app/console/refusal_text.py" line="38"/>
        <source>Changed by someone else</source>
        <translation>已被他人修改</translation>
    </message>
    <message>
        <location filename="../app/console/refusal_text.py" line="39"/>
        <source>A required field is missing</source>
        <translation>缺少必填字段</translation>
    </message>
    <message>
        <location filename="../app/console/refusal_text.py" line="40"/>
        <source>Read-only</source>
        <translation>只读</translation>
    </message>
    <message>
        <location filename="../app/console/refusal_text.py" line="41"/>
        <source>Too many requests</source>
        <translation>请求过多</translation>
    </message>
    <message>
        <location filename="../app/console/refusal_text.py" line="46"/>
        <source>this session is read-only</source>
        <translation>本会话为只读</translation>
    </message>
    <message>
        <location filename="../app/console/refusal_text.py" line="47"/>
        <source>sign in before making changes</source>
        <translation>请先登录再进行更改</translation>
    </message>
    <message>
        <location filename="../app/console/refusal_text.py" line="48"/>
        <source>this console is read-only (replay)</source>
        <translation>本指挥台为只读（回放）</translation>
    </message>
    <message>
        <location filename="../app/console/refusal_text.py" line="49"/>
        <source>a note needs some text</source>
        <translation>记录需要填写内容</translation>
    </message>
    <message>
        <location filename="../app/console/refusal_text.py" line="50"/>
        <source>ask for at least one unit</source>
        <translation>至少请求一个单位</translation>
    </message>
    <message>
        <location filename="../app/console/refusal_text.py" line="51"/>
        <source>name at least one unit to dispatch</source>
        <translation>请至少指定一个要派遣的单位</translation>
    </message>
    <message>
        <location filename="../app/console/refusal_text.py" line="52"/>
        <source>those units are already on this incident</source>
        <translation>这些单位已在处置此事件</translation>
    </message>
    <message>
        <location filename="../app/console/refusal_text.py" line="53"/>
        <source>an incident cannot be linked to itself</source>
        <translation>事件不能与自身关联</translation>
    </message>
    <message>
        <location filename="../app/console/refusal_text.py" line="54"/>
        <source>an incident cannot be merged into itself</source>
        <translation>事件不能合并到自身</translation>
    </message>
    <message>
        <location filename="../app/console/refusal_text.py" line="55"/>
        <source>an incident cannot be grouped under itself</source>
        <translation>事件不能归并到自身之下</translation>
    </message>
    <message>
        <location filename="../app/console/refusal_text.py" line="56"/>
        <source>an arbitration needs a reason</source>
        <translation>仲裁需要填写理由</translation>
    </message>
    <message>
        <location filename="../app/console/refusal_text.py" line="57"/>
        <source>an extension request needs a reason</source>
        <translation>延期申请需要填写理由</translation>
    </message>
    <message>
        <location filename="../app/console/refusal_text.py" line="58"/>
        <source>an extension request is already waiting for approval</source>
        <translation>已有延期申请在等待审批</translation>
    </message>
    <message>
        <location filename="../app/console/refusal_text.py" line="59"/>
        <source>an extension must be a positive number of minutes</source>
        <translation>延期时长必须是正的分钟数</translation>
    </message>
    <message>
        <location filename="../app/console/refusal_text.py" line="60"/>
        <source>declining a linkage request needs a reason</source>
        <translation>拒绝联动请求需要填写理由</translation>
    </message>
    <message>
        <location filename="../app/console/refusal_text.py" line="61"/>
        <source>returning a case needs a reason</source>
        <translation>退回案件需要填写理由</translation>
    </message>
    <message>
        <location filename="../app/console/refusal_text.py" line="62"/>
        <source>suspending a deadline needs a reason</source>
        <translation>暂停时限需要填写理由</translation>
    </message>
    <message>
        <location filename="../app/console/refusal_text.py" line="63"/>
        <source>a major incident needs a name</source>
        <translation>重大事件需要名称</translation>
    </message>
    <message>
        <location filename="../app/console/refusal_text.py" line="64"/>
        <source>that objective is met already</source>
        <translation>该目标已达成</translation>
    </message>
    <message>
        <location filename="../app/console/refusal_text.py" line="65"/>
        <source>reported_at lies in the future</source>
        <translation>上报时间（reported_at）在未来</translation>
    </message>
    <message>
        <location filename="../app/console/refusal_text.py" line="66"/>
        <source>reported_at is more than 7 days old</source>
        <translation>上报时间（reported_at）早于 7 天前</translation>
    </message>
    <message>
        <location filename="../app/console/refusal_text.py" line="67"/>
        <source>the default priority is 1-4</source>
        <translation>默认优先级为 1-4</translation>
    </message>
    <message>
        <location filename="../app/console/refusal_text.py" line="68"/>
        <source>verdict: confirm or dismiss</source>
        <translation>结论：确认或驳回</translation>
    </message>
</context>
<context>
    <name>RefusalBanner</name>
    <message>
        <location filename="../widgets/detail/refusal_banner.py" line="36"/>
        <source>Dismiss</source>
        <translation>忽略</translation>
    </message>
    <message>
        <location filename="../widgets/detail/refusal_banner.py" line="47"/>
        <source>Refused at %1</source>
        <translation>%1 被拒绝</translation>
    </message>
    <message>
        <location filename="../widgets/detail/refusal_banner.py" line="49"/>
        <source>Refused</source>
        <translation>被拒绝</translation>
    </message>
    <message>
        <location filename="../widgets/detail/refusal_banner.py" line="50"/>
        <source>&lt;b&gt;%1&lt;/b&gt; (%2): %3</source>
        <translation>&lt;b&gt;%1&lt;/b&gt;（%2）：%3</translation>
    </message>
</context>
<context>
    <name>RefusalInbox</name>
    <message>
        <location filename="../widgets/refusals/refusal_inbox.py" line="54"/>
        <source>Refused commands</source>
        <translation>被拒绝的指令</translation>
    </message>
    <message>
        <location filename="../widgets/refusals/refusal_inbox.py" line="79"/>
        <source>Open case</source>
        <translation>打开案件</translation>
    </message>
    <message>
        <location filename="../widgets/refusals/refusal_inbox.py" line="80"/>
        <source>Redo after review</source>
        <translation>核对后重做</translation>
    </message>
    <message>
        <location filename="../widgets/refusals/refusal_inbox.py" line="81"/>
        <source>Dismiss</source>
        <translation>忽略</translation>
    </message>
    <message>
        <location filename="../widgets/refusals/refusal_inbox.py" line="82"/>
        <source>Dismiss all</source>
        <translation>全部忽略</translation>
    </message>
    <message numerus="yes">
        <location filename="../widgets/refusals/refusal_inbox.py" line="125"/>
        <source>%n refused</source>
        <translation>
            <numerusform>%n 条被拒绝</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../widgets/refusals/refusal_inbox.py" line="125"/>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <location filename="../widgets/refusals/refusal_inbox.py" line="152"/>
        <source>Cannot redo: %1</source>
        <translation>无法重做：%1</translation>
    </message>
    <message>
        <location filename="../widgets/refusals/refusal_inbox.py" line="156"/>
        <source>Still refused: %1</source>
        <translation>仍会被拒绝：%1</translation>
    </message>
    <message>
        <location filename="../widgets/refusals/refusal_inbox.py" line="160"/>
        <source>Sent again on the case as it is now.</source>
        <translation>已按案件当前状态重新发送。</translation>
    </message>
</context>
<context>
    <name>RefusalsModel</name>
    <message>
        <location filename="../app/models/refusals_model.py" line="48"/>
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <location filename="../app/models/refusals_model.py" line="49"/>
        <source>Incident</source>
        <translation>案件</translation>
    </message>
    <message>
        <location filename="../app/models/refusals_model.py" line="50"/>
        <source>Tried</source>
        <translation>尝试的操作</translation>
    </message>
    <message>
        <location filename="../app/models/refusals_model.py" line="51"/>
        <source>Refused because</source>
        <translation>拒绝原因</translation>
    </message>
    <message>
        <location filename="../app/models/refusals_model.py" line="52"/>
        <source>Now</source>
        <translation>当前</translation>
    </message>
    <message>
        <location filename="../app/models/refusals_model.py" line="87"/>
        <source>no units</source>
        <translation>无单位</translation>
    </message>
    <message>
        <location filename="../app/models/refusals_model.py" line="117"/>
        <source>Refused on this desk%1: %2
Now: %3</source>
        <translation>在本席位被拒绝%1：%2
当前：%3</translation>
    </message>
    <message>
        <location filename="../app/models/refusals_model.py" line="121"/>
        <source>Refused by the server%1: %2
Now: %3</source>
        <translation>被服务器拒绝%1：%2
当前：%3</translation>
    </message>
    <message>
        <location filename="../app/models/refusals_model.py" line="126"/>
        <source>; you saw version %1</source>
        <translation>；您看到的是版本 %1</translation>
    </message>
</context>
<context>
    <name>ResourcePanel</name>
    <message>
        <location filename="../widgets/resources/resource_panel.py" line="101"/>
        <source>Linkage requests</source>
        <translation>联动请求</translation>
    </message>
    <message>
        <location filename="../widgets/resources/resource_panel.py" line="140"/>
        <source>available</source>
        <translation>可用</translation>
    </message>
    <message>
        <location filename="../widgets/resources/resource_panel.py" line="143"/>
        <source>busy</source>
        <translation>执勤中</translation>
    </message>
    <message>
        <location filename="../widgets/resources/resource_panel.py" line="146"/>
        <source>returning</source>
        <translation>返回中</translation>
    </message>
    <message>
        <location filename="../widgets/resources/resource_panel.py" line="151"/>
        <source>out</source>
        <translation>停用</translation>
    </message>
</context>
<context>
    <name>RoundDialog</name>
    <message>
        <location filename="../widgets/inspectors/round_dialog.py" line="30"/>
        <source>Set an inspector&apos;s round</source>
        <translation>设置巡查员的巡查路线</translation>
    </message>
    <message>
        <location filename="../widgets/inspectors/round_dialog.py" line="41"/>
        <source>Grid cells, e.g. G-12-16, G-12-17</source>
        <translation>网格，例如 G-12-16, G-12-17</translation>
    </message>
    <message>
        <location filename="../widgets/inspectors/round_dialog.py" line="44"/>
        <source>One checkpoint a line: NAME; LAT, LON; RADIUS (m)</source>
        <translation>每行一个检查点：名称; 纬度, 经度; 半径（米）</translation>
    </message>
    <message>
        <location filename="../widgets/inspectors/round_dialog.py" line="50"/>
        <source>Inspector</source>
        <translation>巡查员</translation>
    </message>
    <message>
        <location filename="../widgets/inspectors/round_dialog.py" line="51"/>
        <source>Day</source>
        <translation>日期</translation>
    </message>
    <message>
        <location filename="../widgets/inspectors/round_dialog.py" line="52"/>
        <source>Cells</source>
        <translation>网格</translation>
    </message>
    <message>
        <location filename="../widgets/inspectors/round_dialog.py" line="53"/>
        <source>Checkpoints</source>
        <translation>检查点</translation>
    </message>
    <message>
        <location filename="../widgets/inspectors/round_dialog.py" line="91"/>
        <source>Line {n}: write NAME; LAT, LON; RADIUS (numbers in degrees and m)</source>
        <translation>第 {n} 行：请写 名称; 纬度, 经度; 半径（度和米为数字）</translation>
    </message>
</context>
<context>
    <name>ScoreDialog</name>
    <message>
        <location filename="../widgets/replay/score_dialog.py" line="29"/>
        <source>Training score</source>
        <translation>训练评分</translation>
    </message>
</context>
<context>
    <name>SessionGuard</name>
    <message>
        <location filename="../widgets/console/session_guard.py" line="42"/>
        <source>The server ended this session: %1</source>
        <translation>服务器已结束此会话：%1</translation>
    </message>
    <message>
        <location filename="../widgets/console/session_guard.py" line="44"/>
        <source>Sign in again: %1</source>
        <translation>请重新登录：%1</translation>
    </message>
    <message>
        <location filename="../widgets/console/session_guard.py" line="80"/>
        <source>Signed out after %1 min without activity</source>
        <translation>%1 分钟无操作，已签退</translation>
    </message>
</context>
<context>
    <name>SessionsTab</name>
    <message>
        <location filename="../widgets/admin/sessions_tab.py" line="32"/>
        <source> min</source>
        <translation> 分钟</translation>
    </message>
    <message>
        <location filename="../widgets/admin/sessions_tab.py" line="33"/>
        <source>never</source>
        <translation>从不</translation>
    </message>
    <message>
        <location filename="../widgets/admin/sessions_tab.py" line="36"/>
        <source> s</source>
        <translation> 秒</translation>
    </message>
    <message>
        <location filename="../widgets/admin/sessions_tab.py" line="38"/>
        <source>Sign a desk out after no input for</source>
        <translation>无输入多久后席位签退</translation>
    </message>
    <message>
        <location filename="../widgets/admin/sessions_tab.py" line="39"/>
        <source>Warn before the sign-out</source>
        <translation>签退前提前警告</translation>
    </message>
    <message>
        <location filename="../widgets/admin/sessions_tab.py" line="42"/>
        <source>How long a sign-in lasts at most is the server&apos;s setting (--token-hours); after it the desk asks for the password again. Forced sign-out of one account is on the Accounts tab.</source>
        <translation>一次登录最长有效多久由服务器设置（--token-hours）；到期后席位会再次要求输入密码。强制某个账号签退请在“账号”页操作。</translation>
    </message>
    <message>
        <location filename="../widgets/admin/sessions_tab.py" line="48"/>
        <source>Save for every desk</source>
        <translation>保存并应用到所有席位</translation>
    </message>
    <message>
        <location filename="../widgets/admin/sessions_tab.py" line="66"/>
        <source>Desks sign out after %1 min without input (warning %2 s before)</source>
        <translation>席位无输入 %1 分钟后签退（提前 %2 秒警告）</translation>
    </message>
    <message>
        <location filename="../widgets/admin/sessions_tab.py" line="69"/>
        <source>Desks do not sign out for inactivity</source>
        <translation>席位不会因无操作而签退</translation>
    </message>
    <message>
        <location filename="../widgets/admin/sessions_tab.py" line="78"/>
        <source>Sent: every desk follows the new policy once the server confirms it</source>
        <translation>已发送：服务器确认后所有席位执行新策略</translation>
    </message>
</context>
<context>
    <name>SignInDialog</name>
    <message>
        <location filename="../widgets/console/sign_in_dialog.py" line="25"/>
        <source>CityOps — sign in</source>
        <translation>CityOps — 登录</translation>
    </message>
    <message>
        <location filename="../widgets/console/sign_in_dialog.py" line="33"/>
        <source>Sign in to %1</source>
        <translation>登录到 %1</translation>
    </message>
    <message>
        <location filename="../widgets/console/sign_in_dialog.py" line="41"/>
        <source>User</source>
        <translation>用户</translation>
    </message>
    <message>
        <location filename="../widgets/console/sign_in_dialog.py" line="42"/>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <location filename="../widgets/console/sign_in_dialog.py" line="43"/>
        <source>Workstation</source>
        <translation>工作站</translation>
    </message>
    <message>
        <location filename="../widgets/console/sign_in_dialog.py" line="49"/>
        <source>Sign in</source>
        <translation>登录</translation>
    </message>
</context>
<context>
    <name>SoundSettingsDialog</name>
    <message>
        <location filename="../widgets/console/sound_settings.py" line="37"/>
        <source>Sound settings</source>
        <translation>声音设置</translation>
    </message>
    <message>
        <location filename="../widgets/console/sound_settings.py" line="46"/>
        <source>Mute alerts on this workstation</source>
        <translation>本工作站警报静音</translation>
    </message>
    <message>
        <location filename="../widgets/console/sound_settings.py" line="51"/>
        <source>Started with --mute: no sound in this session</source>
        <translation>以 --mute 启动：本次会话无声音</translation>
    </message>
    <message>
        <location filename="../widgets/console/sound_settings.py" line="52"/>
        <source>Test</source>
        <translation>测试</translation>
    </message>
    <message>
        <location filename="../widgets/console/sound_settings.py" line="60"/>
        <source>Priority-1 alert volume</source>
        <translation>一级警报音量</translation>
    </message>
    <message>
        <location filename="../widgets/console/sound_settings.py" line="88"/>
        <source>Alert played at %1 %</source>
        <translation>已以 %1 % 播放警报</translation>
    </message>
    <message>
        <location filename="../widgets/console/sound_settings.py" line="91"/>
        <source>Muted: no sound</source>
        <translation>已静音：无声音</translation>
    </message>
    <message>
        <location filename="../widgets/console/sound_settings.py" line="93"/>
        <source>Volume is 0: no sound</source>
        <translation>音量为 0：无声音</translation>
    </message>
    <message>
        <location filename="../widgets/console/sound_settings.py" line="95"/>
        <source>No audio device: the alert shows on screen only</source>
        <translation>无音频设备：警报仅在屏幕上显示</translation>
    </message>
</context>
<context>
    <name>StageTimeline</name>
    <message>
        <location filename="../widgets/detail/stage_timeline.py" line="21"/>
        <source>REGISTER</source>
        <translation>立案</translation>
    </message>
    <message>
        <location filename="../widgets/detail/stage_timeline.py" line="22"/>
        <source>DISPATCH</source>
        <translation>派遣</translation>
    </message>
    <message>
        <location filename="../widgets/detail/stage_timeline.py" line="23"/>
        <source>HANDLE</source>
        <translation>处置</translation>
    </message>
    <message>
        <location filename="../widgets/detail/stage_timeline.py" line="24"/>
        <source>VERIFY</source>
        <translation>核查</translation>
    </message>
    <message>
        <location filename="../widgets/detail/stage_timeline.py" line="39"/>
        <source> (work hrs)</source>
        <translation>（工作时间）</translation>
    </message>
    <message>
        <location filename="../widgets/detail/stage_timeline.py" line="41"/>
        <source>not started</source>
        <translation>未开始</translation>
    </message>
    <message>
        <location filename="../widgets/detail/stage_timeline.py" line="44"/>
        <source> (+%1 min)</source>
        <translation>（+%1 分钟）</translation>
    </message>
    <message>
        <location filename="../widgets/detail/stage_timeline.py" line="53"/>
        <source>took %1, %2 over</source>
        <translation>用时 %1，超出 %2</translation>
    </message>
    <message>
        <location filename="../widgets/detail/stage_timeline.py" line="55"/>
        <source>done late</source>
        <translation>超时完成</translation>
    </message>
    <message>
        <location filename="../widgets/detail/stage_timeline.py" line="61"/>
        <source>done</source>
        <translation>已完成</translation>
    </message>
    <message>
        <location filename="../widgets/detail/stage_timeline.py" line="62"/>
        <source>took %1</source>
        <translation>用时 %1</translation>
    </message>
    <message>
        <location filename="../widgets/detail/stage_timeline.py" line="69"/>
        <location filename="../widgets/detail/stage_timeline.py" line="94"/>
        <source>%1 left</source>
        <translation>剩余 %1</translation>
    </message>
    <message>
        <location filename="../widgets/detail/stage_timeline.py" line="73"/>
        <source>since %1; %2</source>
        <translation>自 %1 起；%2</translation>
    </message>
    <message>
        <location filename="../widgets/detail/stage_timeline.py" line="77"/>
        <source>suspended</source>
        <translation>已暂停</translation>
    </message>
    <message>
        <location filename="../widgets/detail/stage_timeline.py" line="83"/>
        <source>since %1</source>
        <translation>自 %1 起</translation>
    </message>
    <message>
        <location filename="../widgets/detail/stage_timeline.py" line="84"/>
        <location filename="../widgets/detail/stage_timeline.py" line="95"/>
        <source>running</source>
        <translation>计时中</translation>
    </message>
    <message>
        <location filename="../widgets/detail/stage_timeline.py" line="88"/>
        <source> · supervisor warned</source>
        <translation> · 已提醒值班长</translation>
    </message>
    <message>
        <location filename="../widgets/detail/stage_timeline.py" line="89"/>
        <source> · escalated</source>
        <translation> · 已升级</translation>
    </message>
    <message>
        <location filename="../widgets/detail/stage_timeline.py" line="91"/>
        <source>by %1</source>
        <translation>超出 %1</translation>
    </message>
    <message>
        <location filename="../widgets/detail/stage_timeline.py" line="92"/>
        <source>OVERDUE</source>
        <translation>超时</translation>
    </message>
    <message>
        <location filename="../widgets/detail/stage_timeline.py" line="160"/>
        <source>%1: not started</source>
        <translation>%1：未开始</translation>
    </message>
    <message>
        <location filename="../widgets/detail/stage_timeline.py" line="163"/>
        <source>%1: started %2, due %3, done %4</source>
        <translation>%1：开始 %2，时限 %3，完成 %4</translation>
    </message>
    <message>
        <location filename="../widgets/detail/stage_timeline.py" line="225"/>
        <source>due %1</source>
        <translation>时限 %1</translation>
    </message>
</context>
<context>
    <name>Tables</name>
    <message>
        <location filename="../app/console/resources.py" line="129"/>
        <source>Dir</source>
        <translation>方向</translation>
    </message>
    <message>
        <location filename="../app/console/resources.py" line="130"/>
        <location filename="../app/models/units_model.py" line="44"/>
        <source>Incident</source>
        <translation>案件</translation>
    </message>
    <message>
        <location filename="../app/console/resources.py" line="131"/>
        <source>From → To</source>
        <translation>从 → 到</translation>
    </message>
    <message>
        <location filename="../app/console/resources.py" line="132"/>
        <source>Needs</source>
        <translation>需求</translation>
    </message>
    <message>
        <location filename="../app/console/resources.py" line="133"/>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../app/console/resources.py" line="134"/>
        <location filename="../app/models/queue_filter.py" line="36"/>
        <source>Age</source>
        <translation>时长</translation>
    </message>
    <message>
        <location filename="../app/console/resources.py" line="238"/>
        <location filename="../app/models/units_model.py" line="39"/>
        <source>Unit</source>
        <translation>单位</translation>
    </message>
    <message>
        <location filename="../app/console/resources.py" line="239"/>
        <source>Agency</source>
        <translation>部门</translation>
    </message>
    <message>
        <location filename="../app/console/resources.py" line="241"/>
        <source>Distance</source>
        <translation>距离</translation>
    </message>
    <message>
        <location filename="../app/console/resources.py" line="242"/>
        <source>Covers</source>
        <translation>覆盖能力</translation>
    </message>
    <message>
        <location filename="../app/console/resources.py" line="243"/>
        <source>From</source>
        <translation>出发地</translation>
    </message>
    <message>
        <location filename="../app/console/resources.py" line="293"/>
        <source>  (lacks %1)</source>
        <translation>  （缺少 %1）</translation>
    </message>
    <message>
        <location filename="../app/console/resources.py" line="299"/>
        <source>home station</source>
        <translation>驻地</translation>
    </message>
    <message>
        <location filename="../app/console/resources.py" line="300"/>
        <source>live position</source>
        <translation>实时位置</translation>
    </message>
    <message>
        <location filename="../app/console/resources.py" line="315"/>
        <source>no requirement</source>
        <translation>无要求</translation>
    </message>
    <message>
        <location filename="../app/console/resources.py" line="319"/>
        <source>lacks %1</source>
        <translation>缺少 %1</translation>
    </message>
    <message>
        <location filename="../app/console/resources.py" line="322"/>
        <source>by road</source>
        <translation>按道路</translation>
    </message>
    <message>
        <location filename="../app/console/resources.py" line="324"/>
        <source>straight-line estimate</source>
        <translation>直线估算</translation>
    </message>
    <message>
        <location filename="../app/console/resources.py" line="326"/>
        <source>%1, ETA %2 %3</source>
        <translation>%1，预计 %2 到达（%3）</translation>
    </message>
    <message>
        <location filename="../app/console/resources.py" line="329"/>
        <source>* ETA from the home station: live position is stale</source>
        <translation>* 预计到达时间按驻地计算：实时位置已过时</translation>
    </message>
    <message>
        <location filename="../app/console/resources.py" line="331"/>
        <source>~ straight-line estimate: no road route to this point</source>
        <translation>~ 直线估算：没有通往此点的道路路线</translation>
    </message>
    <message>
        <location filename="../app/models/incident_queue.py" line="327"/>
        <source>Status: %1</source>
        <translation>状态：%1</translation>
    </message>
    <message>
        <location filename="../app/models/incident_queue.py" line="351"/>
        <source>Pending: changes not yet confirmed by the server</source>
        <translation>待确认：更改尚未得到服务器确认</translation>
    </message>
    <message>
        <location filename="../app/models/queue_filter.py" line="30"/>
        <source>Number</source>
        <translation>编号</translation>
    </message>
    <message>
        <location filename="../app/models/queue_filter.py" line="32"/>
        <location filename="../widgets/replay/score_model.py" line="36"/>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <location filename="../app/models/queue_filter.py" line="33"/>
        <location filename="../app/models/units_model.py" line="41"/>
        <location filename="../widgets/video/camera_model.py" line="46"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../app/models/queue_filter.py" line="34"/>
        <source>Location / grid</source>
        <translation>位置 / 网格</translation>
    </message>
    <message>
        <location filename="../app/models/queue_filter.py" line="35"/>
        <source>Dept</source>
        <translation>部门</translation>
    </message>
    <message>
        <location filename="../app/models/queue_filter.py" line="37"/>
        <source>Due in</source>
        <translation>剩余时限</translation>
    </message>
    <message>
        <location filename="../app/models/queue_filter.py" line="38"/>
        <source>Units</source>
        <translation>单位</translation>
    </message>
    <message>
        <location filename="../app/models/queue_filter.py" line="39"/>
        <source>Source</source>
        <translation>来源</translation>
    </message>
    <message>
        <location filename="../app/models/units_model.py" line="40"/>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <location filename="../app/models/units_model.py" line="42"/>
        <source>In status</source>
        <translation>状态时长</translation>
    </message>
    <message>
        <location filename="../app/models/units_model.py" line="43"/>
        <source>Pos. age</source>
        <translation>定位时效</translation>
    </message>
    <message>
        <location filename="../app/models/units_model.py" line="187"/>
        <source>station</source>
        <translation>驻地</translation>
    </message>
    <message>
        <location filename="../widgets/replay/score_model.py" line="34"/>
        <source>Call</source>
        <translation>来电</translation>
    </message>
    <message>
        <location filename="../widgets/replay/score_model.py" line="35"/>
        <source>Received</source>
        <translation>接收时间</translation>
    </message>
    <message>
        <location filename="../widgets/replay/score_model.py" line="38"/>
        <source>You: to dispatch</source>
        <translation>您：派遣用时</translation>
    </message>
    <message>
        <location filename="../widgets/replay/score_model.py" line="39"/>
        <source>Real: to dispatch</source>
        <translation>实际：派遣用时</translation>
    </message>
    <message>
        <location filename="../widgets/replay/score_model.py" line="40"/>
        <source>Deadline</source>
        <translation>时限</translation>
    </message>
    <message>
        <location filename="../widgets/replay/score_model.py" line="41"/>
        <source>Your units</source>
        <translation>您派的单位</translation>
    </message>
    <message>
        <location filename="../widgets/replay/score_model.py" line="42"/>
        <source>Real first units</source>
        <translation>实际首派单位</translation>
    </message>
    <message>
        <location filename="../widgets/replay/score_model.py" line="43"/>
        <source>Type match</source>
        <translation>类型匹配</translation>
    </message>
    <message>
        <location filename="../widgets/replay/score_model.py" line="44"/>
        <source>Score</source>
        <translation>得分</translation>
    </message>
    <message>
        <location filename="../widgets/replay/score_model.py" line="99"/>
        <source>not dispatched</source>
        <translation>未派遣</translation>
    </message>
    <message>
        <location filename="../widgets/replay/score_model.py" line="101"/>
        <source>met</source>
        <translation>达标</translation>
    </message>
    <message>
        <location filename="../widgets/replay/score_model.py" line="102"/>
        <source>missed</source>
        <translation>未达标</translation>
    </message>
    <message>
        <location filename="../widgets/video/camera_model.py" line="26"/>
        <source>online</source>
        <translation>在线</translation>
    </message>
    <message>
        <location filename="../widgets/video/camera_model.py" line="27"/>
        <source>offline</source>
        <translation>离线</translation>
    </message>
    <message>
        <location filename="../widgets/video/camera_model.py" line="28"/>
        <source>maintenance</source>
        <translation>维护中</translation>
    </message>
    <message>
        <location filename="../widgets/video/camera_model.py" line="45"/>
        <source>Camera</source>
        <translation>摄像头</translation>
    </message>
    <message>
        <location filename="../widgets/video/camera_model.py" line="47"/>
        <source>To incident</source>
        <translation>距事件</translation>
    </message>
    <message>
        <location filename="../widgets/video/camera_model.py" line="130"/>
        <source>%1 (%2)
%3, heading %4°, fov %5°</source>
        <translation>%1（%2）
%3，朝向 %4°，视场 %5°</translation>
    </message>
</context>
<context>
    <name>TimelineWidget</name>
    <message>
        <location filename="../widgets/replay/timeline.py" line="50"/>
        <source>Play / pause (Space while the timeline has focus)</source>
        <translation>播放 / 暂停（时间轴获得焦点时按空格键）</translation>
    </message>
    <message>
        <location filename="../widgets/replay/timeline.py" line="54"/>
        <source>Step to the next event (Right while the timeline has focus)</source>
        <translation>跳到下一个事件（时间轴获得焦点时按右方向键）</translation>
    </message>
    <message>
        <location filename="../widgets/replay/timeline.py" line="59"/>
        <source>Replay speed</source>
        <translation>回放速度</translation>
    </message>
    <message>
        <location filename="../widgets/replay/timeline.py" line="84"/>
        <source>Score…</source>
        <translation>评分…</translation>
    </message>
    <message>
        <location filename="../widgets/replay/timeline.py" line="86"/>
        <source>Compare your dispatching with what really happened</source>
        <translation>将您的调度与实际情况对比</translation>
    </message>
    <message>
        <location filename="../widgets/replay/timeline.py" line="128"/>
        <source>Training score</source>
        <translation>训练评分</translation>
    </message>
</context>
<context>
    <name>TransitionBar</name>
    <message>
        <location filename="../widgets/detail/transition_bar.py" line="82"/>
        <source>Register</source>
        <translation>立案</translation>
    </message>
    <message>
        <location filename="../widgets/detail/transition_bar.py" line="83"/>
        <source>Reject…</source>
        <translation>不予受理…</translation>
    </message>
    <message>
        <location filename="../widgets/detail/transition_bar.py" line="84"/>
        <source>Dispatch</source>
        <translation>派遣</translation>
    </message>
    <message>
        <location filename="../widgets/detail/transition_bar.py" line="85"/>
        <source>Start handling</source>
        <translation>开始处置</translation>
    </message>
    <message>
        <location filename="../widgets/detail/transition_bar.py" line="86"/>
        <source>Resolve…</source>
        <translation>处置完毕…</translation>
    </message>
    <message>
        <location filename="../widgets/detail/transition_bar.py" line="87"/>
        <source>Verify</source>
        <translation>核查</translation>
    </message>
    <message>
        <location filename="../widgets/detail/transition_bar.py" line="88"/>
        <source>Fail verification…</source>
        <translation>核查不通过…</translation>
    </message>
    <message>
        <location filename="../widgets/detail/transition_bar.py" line="89"/>
        <source>Close</source>
        <translation>结案</translation>
    </message>
    <message>
        <location filename="../widgets/detail/transition_bar.py" line="90"/>
        <source>Cancel…</source>
        <translation>取消…</translation>
    </message>
    <message>
        <location filename="../widgets/detail/transition_bar.py" line="91"/>
        <source>Reopen…</source>
        <translation>重新打开…</translation>
    </message>
    <message>
        <location filename="../widgets/detail/transition_bar.py" line="114"/>
        <source>Select an incident</source>
        <translation>请先选择一个事件</translation>
    </message>
    <message>
        <location filename="../widgets/detail/transition_bar.py" line="130"/>
        <source>%1 (%2) not available: %3</source>
        <translation>%1（%2）不可用：%3</translation>
    </message>
    <message>
        <location filename="../widgets/detail/transition_bar.py" line="132"/>
        <source>%1 (%2): to %3; asks for a reason</source>
        <translation>%1（%2）：转为 %3；需要填写理由</translation>
    </message>
    <message>
        <location filename="../widgets/detail/transition_bar.py" line="136"/>
        <source>%1 (%2): to %3</source>
        <translation>%1（%2）：转为 %3</translation>
    </message>
    <message>
        <location filename="../widgets/detail/transition_bar.py" line="152"/>
        <source>%1 %2 — reason:</source>
        <translation>%1 %2 — 理由：</translation>
    </message>
</context>
<context>
    <name>UnitStatusBar</name>
    <message>
        <location filename="../widgets/resources/unit_status_bar.py" line="23"/>
        <source>En route</source>
        <translation>途中</translation>
    </message>
    <message>
        <location filename="../widgets/resources/unit_status_bar.py" line="24"/>
        <source>On scene</source>
        <translation>在现场</translation>
    </message>
    <message>
        <location filename="../widgets/resources/unit_status_bar.py" line="25"/>
        <source>Returning</source>
        <translation>返回中</translation>
    </message>
    <message>
        <location filename="../widgets/resources/unit_status_bar.py" line="26"/>
        <source>Available</source>
        <translation>可用</translation>
    </message>
    <message>
        <location filename="../widgets/resources/unit_status_bar.py" line="27"/>
        <source>Out of service</source>
        <translation>停用</translation>
    </message>
    <message>
        <location filename="../widgets/resources/unit_status_bar.py" line="104"/>
        <source>No unit selected</source>
        <translation>未选择单位</translation>
    </message>
    <message>
        <location filename="../widgets/resources/unit_status_bar.py" line="116"/>
        <source>Set %1 %2 (%3)</source>
        <translation>将 %1 设为 %2（%3）</translation>
    </message>
</context>
<context>
    <name>UnitsTab</name>
    <message>
        <location filename="../widgets/admin/units_tab.py" line="30"/>
        <location filename="../widgets/admin/units_tab.py" line="49"/>
        <source>Call sign</source>
        <translation>呼号</translation>
    </message>
    <message>
        <location filename="../widgets/admin/units_tab.py" line="31"/>
        <location filename="../widgets/admin/units_tab.py" line="50"/>
        <source>Agency</source>
        <translation>部门</translation>
    </message>
    <message>
        <location filename="../widgets/admin/units_tab.py" line="32"/>
        <location filename="../widgets/admin/units_tab.py" line="52"/>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <location filename="../widgets/admin/units_tab.py" line="33"/>
        <source>Station</source>
        <translation>驻地</translation>
    </message>
    <message>
        <location filename="../widgets/admin/units_tab.py" line="34"/>
        <location filename="../widgets/admin/units_tab.py" line="53"/>
        <source>Capabilities</source>
        <translation>能力</translation>
    </message>
    <message>
        <location filename="../widgets/admin/units_tab.py" line="35"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../widgets/admin/units_tab.py" line="44"/>
        <source>engine, medic, patrol, crew, ...</source>
        <translation>消防车、救护车、巡逻车、作业班组……</translation>
    </message>
    <message>
        <location filename="../widgets/admin/units_tab.py" line="47"/>
        <source>comma-separated; empty: the kind</source>
        <translation>以逗号分隔；留空则为类型</translation>
    </message>
    <message>
        <location filename="../widgets/admin/units_tab.py" line="51"/>
        <source>Home station</source>
        <translation>所属驻地</translation>
    </message>
    <message>
        <location filename="../widgets/admin/units_tab.py" line="54"/>
        <source>Save unit</source>
        <translation>保存单元</translation>
    </message>
    <message>
        <location filename="../widgets/admin/units_tab.py" line="55"/>
        <source>Retire unit</source>
        <translation>停用单元</translation>
    </message>
    <message>
        <location filename="../widgets/admin/units_tab.py" line="105"/>
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <location filename="../widgets/admin/units_tab.py" line="139"/>
        <source>Unit %1 sent</source>
        <translation>单元 %1 已发送</translation>
    </message>
    <message>
        <location filename="../widgets/admin/units_tab.py" line="144"/>
        <source>Retiring unit %1</source>
        <translation>正在停用单元 %1</translation>
    </message>
</context>
<context>
    <name>VideoPanel</name>
    <message>
        <location filename="../widgets/video/panel.py" line="44"/>
        <source>Fill wall</source>
        <translation>填充视频墙</translation>
    </message>
</context>
<context>
    <name>VideoTile</name>
    <message>
        <location filename="../widgets/video/tile.py" line="23"/>
        <source>LIVE</source>
        <translation>直播</translation>
    </message>
    <message>
        <location filename="../widgets/video/tile.py" line="28"/>
        <source>CONNECTING</source>
        <translation>连接中</translation>
    </message>
    <message>
        <location filename="../widgets/video/tile.py" line="33"/>
        <location filename="../widgets/video/tile.py" line="346"/>
        <source>SIGNAL LOST</source>
        <translation>信号丢失</translation>
    </message>
    <message>
        <location filename="../widgets/video/tile.py" line="38"/>
        <source>PAUSED</source>
        <translation>已暂停</translation>
    </message>
    <message>
        <location filename="../widgets/video/tile.py" line="45"/>
        <source>REPLAY</source>
        <translation>回放</translation>
    </message>
    <message>
        <location filename="../widgets/video/tile.py" line="355"/>
        <source>Drop a camera here</source>
        <translation>将摄像头拖放到这里</translation>
    </message>
    <message>
        <location filename="../widgets/video/tile.py" line="359"/>
        <source>CONNECTING…</source>
        <translation>连接中…</translation>
    </message>
</context>
<context>
    <name>VideoWall</name>
    <message>
        <location filename="../widgets/video/wall.py" line="38"/>
        <source>NO RECORDING</source>
        <translation>无录像</translation>
    </message>
    <message>
        <location filename="../widgets/video/wall.py" line="39"/>
        <source>no recording for replay</source>
        <translation>回放无此录像</translation>
    </message>
    <message>
        <location filename="../widgets/video/wall.py" line="42"/>
        <source>OFFLINE</source>
        <translation>离线</translation>
    </message>
    <message>
        <location filename="../widgets/video/wall.py" line="43"/>
        <source>offline at this time</source>
        <translation>此时离线</translation>
    </message>
    <message>
        <location filename="../widgets/video/wall.py" line="46"/>
        <source>MAINTENANCE</source>
        <translation>维护中</translation>
    </message>
    <message>
        <location filename="../widgets/video/wall.py" line="47"/>
        <source>in maintenance at this time</source>
        <translation>此时正在维护</translation>
    </message>
    <message>
        <location filename="../widgets/video/wall.py" line="49"/>
        <source>NO STREAM</source>
        <translation>无视频流</translation>
    </message>
    <message>
        <location filename="../widgets/video/wall.py" line="261"/>
        <source>Select an incident first: the wall fills with cameras covering it</source>
        <translation>请先选择事件：视频墙将显示覆盖它的摄像头</translation>
    </message>
    <message>
        <location filename="../widgets/video/wall.py" line="265"/>
        <location filename="../widgets/video/wall.py" line="295"/>
        <source>No camera covers the selected incident</source>
        <translation>没有摄像头覆盖所选事件</translation>
    </message>
    <message>
        <location filename="../widgets/video/wall.py" line="269"/>
        <source>Wall filled with %1 covering camera(s)</source>
        <translation>视频墙已填充 %1 个覆盖摄像头</translation>
    </message>
    <message>
        <location filename="../widgets/video/wall.py" line="288"/>
        <source>Fill wall (%1)</source>
        <translation>填充视频墙（%1）</translation>
    </message>
    <message>
        <location filename="../widgets/video/wall.py" line="288"/>
        <location filename="../widgets/video/wall_toolbar.py" line="52"/>
        <source>Fill wall</source>
        <translation>填充视频墙</translation>
    </message>
    <message>
        <location filename="../widgets/video/wall.py" line="292"/>
        <source>Fill the wall with the %1 camera(s) covering the selected incident (F)</source>
        <translation>用覆盖所选事件的 %1 个摄像头填充视频墙（F）</translation>
    </message>
    <message>
        <location filename="../widgets/video/wall.py" line="342"/>
        <source>Select an incident to attach a snapshot to</source>
        <translation>请选择要附加截图的事件</translation>
    </message>
    <message>
        <location filename="../widgets/video/wall.py" line="347"/>
        <source>%1 has no picture yet</source>
        <translation>%1 还没有画面</translation>
    </message>
    <message>
        <location filename="../widgets/video/wall.py" line="347"/>
        <source>This tile</source>
        <translation>此画面</translation>
    </message>
    <message>
        <location filename="../widgets/video/wall.py" line="353"/>
        <source>Snapshot of %1 attached to the incident</source>
        <translation>%1 的截图已附加到事件</translation>
    </message>
    <message>
        <location filename="../widgets/video/wall.py" line="364"/>
        <source>Preset %1 saved</source>
        <translation>预设 %1 已保存</translation>
    </message>
    <message>
        <location filename="../widgets/video/wall.py" line="372"/>
        <source>Preset %1 loaded</source>
        <translation>预设 %1 已加载</translation>
    </message>
    <message>
        <location filename="../widgets/video/wall_toolbar.py" line="37"/>
        <source>Video wall</source>
        <translation>视频墙</translation>
    </message>
    <message>
        <location filename="../widgets/video/wall_toolbar.py" line="46"/>
        <source>Show %1 tile(s)</source>
        <translation>显示 %1 个画面</translation>
    </message>
    <message>
        <location filename="../widgets/video/wall_toolbar.py" line="64"/>
        <source>Preset name</source>
        <translation>预设名称</translation>
    </message>
    <message>
        <location filename="../widgets/video/wall_toolbar.py" line="67"/>
        <source>Load</source>
        <translation>加载</translation>
    </message>
    <message>
        <location filename="../widgets/video/wall_toolbar.py" line="71"/>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <location filename="../widgets/video/wall_toolbar.py" line="75"/>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <location filename="../widgets/video/wall_toolbar.py" line="80"/>
        <source>Send to monitor</source>
        <translation>发送到显示器</translation>
    </message>
    <message>
        <location filename="../widgets/video/wall_toolbar.py" line="93"/>
        <source>Monitor %1: %2 (%3x%4)</source>
        <translation>显示器 %1：%2（%3x%4）</translation>
    </message>
    <message>
        <location filename="../widgets/video/wall_toolbar.py" line="104"/>
        <source>Back to console (Esc)</source>
        <translation>返回指挥台（Esc）</translation>
    </message>
</context>
<context>
    <name>WeightsDialog</name>
    <message>
        <location filename="../widgets/evaluation/weights_dialog.py" line="16"/>
        <source>Handling rate</source>
        <translation>处置率</translation>
    </message>
    <message>
        <location filename="../widgets/evaluation/weights_dialog.py" line="17"/>
        <source>On-time handling rate</source>
        <translation>按时处置率</translation>
    </message>
    <message>
        <location filename="../widgets/evaluation/weights_dialog.py" line="18"/>
        <source>1 − rework rate</source>
        <translation>1 − 返工率</translation>
    </message>
    <message>
        <location filename="../widgets/evaluation/weights_dialog.py" line="19"/>
        <source>1 − overdue-open rate</source>
        <translation>1 − 超期未结率</translation>
    </message>
    <message>
        <location filename="../widgets/evaluation/weights_dialog.py" line="20"/>
        <source>1 − extension rate</source>
        <translation>1 − 延期率</translation>
    </message>
    <message>
        <location filename="../widgets/evaluation/weights_dialog.py" line="30"/>
        <source>Score weights</source>
        <translation>评分权重</translation>
    </message>
    <message>
        <location filename="../widgets/evaluation/weights_dialog.py" line="66"/>
        <source>The weights add up to 100.</source>
        <translation>权重合计为 100。</translation>
    </message>
</context>
<context>
    <name>Words</name>
    <message>
        <location filename="../app/console/words.py" line="16"/>
        <source>reported</source>
        <translation>已上报</translation>
    </message>
    <message>
        <location filename="../app/console/words.py" line="17"/>
        <source>registered</source>
        <translation>已立案</translation>
    </message>
    <message>
        <location filename="../app/console/words.py" line="18"/>
        <source>rejected</source>
        <translation>已驳回</translation>
    </message>
    <message>
        <location filename="../app/console/words.py" line="19"/>
        <source>dispatched</source>
        <translation>已派遣</translation>
    </message>
    <message>
        <location filename="../app/console/words.py" line="20"/>
        <source>in progress</source>
        <translation>处置中</translation>
    </message>
    <message>
        <location filename="../app/console/words.py" line="21"/>
        <source>resolved</source>
        <translation>已处置</translation>
    </message>
    <message>
        <location filename="../app/console/words.py" line="22"/>
        <source>verified</source>
        <translation>已核查</translation>
    </message>
    <message>
        <location filename="../app/console/words.py" line="23"/>
        <source>closed</source>
        <translation>已结案</translation>
    </message>
    <message>
        <location filename="../app/console/words.py" line="24"/>
        <source>cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <location filename="../app/console/words.py" line="27"/>
        <source>available</source>
        <translation>可用</translation>
    </message>
    <message>
        <location filename="../app/console/words.py" line="28"/>
        <source>en route</source>
        <translation>途中</translation>
    </message>
    <message>
        <location filename="../app/console/words.py" line="29"/>
        <source>on scene</source>
        <translation>在现场</translation>
    </message>
    <message>
        <location filename="../app/console/words.py" line="30"/>
        <source>returning</source>
        <translation>返回中</translation>
    </message>
    <message>
        <location filename="../app/console/words.py" line="31"/>
        <source>out of service</source>
        <translation>停用</translation>
    </message>
    <message>
        <location filename="../app/console/words.py" line="34"/>
        <source>hotline</source>
        <translation>热线</translation>
    </message>
    <message>
        <location filename="../app/console/words.py" line="35"/>
        <source>citizen report</source>
        <translation>市民上报</translation>
    </message>
    <message>
        <location filename="../app/console/words.py" line="36"/>
        <location filename="../app/console/words.py" line="51"/>
        <source>inspector</source>
        <translation>监督员</translation>
    </message>
    <message>
        <location filename="../app/console/words.py" line="37"/>
        <source>video detection</source>
        <translation>视频识别</translation>
    </message>
    <message>
        <location filename="../app/console/words.py" line="38"/>
        <source>sensor</source>
        <translation>传感器</translation>
    </message>
    <message>
        <location filename="../app/console/words.py" line="39"/>
        <source>cap alert</source>
        <translation>CAP 预警</translation>
    </message>
    <message>
        <location filename="../app/console/words.py" line="40"/>
        <source>transfer</source>
        <translation>转办</translation>
    </message>
    <message>
        <location filename="../app/console/words.py" line="41"/>
        <source>import</source>
        <translation>导入</translation>
    </message>
    <message>
        <location filename="../app/console/words.py" line="44"/>
        <source>call taker</source>
        <translation>受理员</translation>
    </message>
    <message>
        <location filename="../app/console/words.py" line="45"/>
        <source>dispatcher</source>
        <translation>调度员</translation>
    </message>
    <message>
        <location filename="../app/console/words.py" line="46"/>
        <source>liaison</source>
        <translation>联络员</translation>
    </message>
    <message>
        <location filename="../app/console/words.py" line="47"/>
        <source>supervisor</source>
        <translation>值班长</translation>
    </message>
    <message>
        <location filename="../app/console/words.py" line="48"/>
        <source>observer</source>
        <translation>观察员</translation>
    </message>
    <message>
        <location filename="../app/console/words.py" line="49"/>
        <source>auditor</source>
        <translation>审计员</translation>
    </message>
    <message>
        <location filename="../app/console/words.py" line="50"/>
        <source>admin</source>
        <translation>管理员</translation>
    </message>
</context>
<context>
    <name>Workspace</name>
    <message>
        <location filename="../widgets/console/workspace.py" line="253"/>
        <source>Send current panel to monitor %1 (%2)</source>
        <translation>将当前面板发送到显示器 %1（%2）</translation>
    </message>
    <message>
        <location filename="../widgets/console/language.py" line="34"/>
        <source>dispatcher</source>
        <translation>调度员</translation>
    </message>
    <message>
        <location filename="../widgets/console/language.py" line="35"/>
        <source>supervisor</source>
        <translation>值班长</translation>
    </message>
    <message>
        <location filename="../widgets/console/language.py" line="36"/>
        <source>video wall</source>
        <translation>视频墙</translation>
    </message>
</context>
</TS>
