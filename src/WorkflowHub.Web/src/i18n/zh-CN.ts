/** 简体中文 (default language). Keys are shared with en.ts; a missing key falls back to zh-CN. */
export default {
  app: { title: 'WorkflowHub 网格化管理', subtitle: '文明城市网格化管理流程平台' },
  common: {
    loading: '加载中…', empty: '暂无数据', save: '保存', cancel: '取消', confirm: '确定', delete: '删除', add: '添加',
    edit: '编辑', close: '关闭', refresh: '刷新', back: '返回', search: '搜索', yes: '是', no: '否', actions: '操作',
    version: '版本', name: '名称', key: '标识', updatedAt: '更新时间', updatedBy: '更新人', retry: '重试',
  },
  menu: { home: '首页', designer: '流程设计', forms: '表单设计' },
  layout: { language: '语言', signOut: '退出登录', roles: '角色', noRoles: '无角色' },
  roles: { Administrator: '系统管理员', Dispatcher: '问题收集组', Supervisor: '巡查督导组', Leader: '领导', Staff: '工作人员' },
  signIn: {
    title: '登录', userName: '用户名', password: '密码', submit: '登录', userNameRequired: '请输入用户名',
    passwordRequired: '请输入密码', failed: '用户名或密码错误，或账号已被锁定（连续 5 次错误将锁定 15 分钟）。',
  },
  home: { welcome: '欢迎，{name}', hint: '请从左侧菜单选择要使用的功能。', noMenu: '您的角色暂无可用功能，请联系系统管理员分配角色。' },
  notFound: { title: '页面不存在', back: '返回首页' },
  errors: {
    network: '无法连接服务器，请检查网络后重试。',
    400: '提交的内容有误', 401: '登录已过期，请重新登录', 403: '您没有权限执行此操作', 404: '要查找的内容不存在',
    409: '内容已被他人修改或已存在', 413: '内容过大', 415: '格式不受支持', 429: '操作过于频繁，请稍后再试',
    500: '服务器内部错误', generic: '操作失败', field: '字段“{field}”：{message}', line: '第 {line} 行第 {column} 列',
    antiforgery: '页面安全令牌已失效，请刷新页面后重试。',
  },
  leave: { title: '尚未保存', message: '有尚未保存的修改，确定离开吗？', stay: '留在此页', leave: '离开' },
}
