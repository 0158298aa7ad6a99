/**
 * zh-CN for the form-js editor's own texts (palette, properties panel, empty canvas). form-js-editor 1.23 has no
 * `translate` service: its palette names come from each field's `config.name` and its properties entries hold their
 * labels as literals. So the words are translated where they are drawn: an observer rewrites the text nodes and the
 * title/placeholder attributes inside the editor's chrome, never inside the form being designed (the canvas holds the
 * author's own labels). preact only writes a text node when its own value changes, and then the observer translates
 * it again. In English nothing is observed; switching language re-creates the editor (FormEditorPage).
 */
import { currentLocale } from '../i18n'

const zh: Record<string, string> = {
  // palette
  Components: '组件', 'Search components': '搜索组件', 'Clear content': '清空', 'No components found.': '没有找到组件。',
  Input: '输入', Selection: '选择', Presentation: '展示', Containers: '容器', Action: '操作',
  'Text field': '文本框', 'Text area': '多行文本', Number: '数字', 'Date time': '日期时间', Checkbox: '复选框', 'Checkbox group': '复选框组',
  'Radio group': '单选框组', Select: '下拉选择', 'Tag list': '标签列表', Button: '按钮', 'Text view': '文本', 'HTML view': 'HTML',
  'Image view': '图片', Table: '表格', Spacer: '间距', Separator: '分隔线', Group: '分组', 'Dynamic list': '动态列表', iFrame: '内嵌网页',
  Expression: '表达式', 'File picker': '文件选择', 'Document preview': '文档预览',
  // empty canvas
  'Build your form': '设计表单', 'Drag and drop components here to start designing.': '把组件拖到这里开始设计。',
  'Drag and drop components here.': '把组件拖到这里。', 'Use the preview window to test your form.': '可在预览中试填表单。',
  // properties panel: groups
  General: '常规', Condition: '条件', Layout: '布局', Appearance: '外观', Validation: '校验', 'Options source': '选项来源',
  'Custom properties': '自定义属性', Serialization: '序列化', Constraints: '约束', 'Security attributes': '安全属性', Content: '内容',
  'Static options': '静态选项', 'Dynamic options': '动态选项', 'Header items': '表头项', 'Headers source': '表头来源', 'Data source': '数据源',
  'Form submission': '表单提交', Pagination: '分页', 'List of items': '项目列表',
  // properties panel: entries
  'Field label': '字段标签', 'Field description': '字段说明', 'Group label': '分组标签', 'Table label': '表格标签', Label: '标签', Key: '键',
  Path: '路径', ID: '编号', Type: '类型', Subtype: '子类型', Value: '值', 'Default value': '默认值', Text: '文本', Title: '标题',
  Required: '必填', Disabled: '禁用', 'Read only': '只读', Searchable: '可搜索', Checked: '选中', 'Not checked': '未选中',
  'Minimum length': '最小长度', 'Maximum length': '最大长度', Minimum: '最小值', Maximum: '最大值', 'Validation pattern': '校验规则',
  'Custom regular expression': '自定义正则表达式', 'Custom error message': '自定义错误提示', Custom: '自定义', Email: '电子邮箱', Phone: '电话',
  Prefix: '前缀', Suffix: '后缀', 'Decimal digits': '小数位数', Increment: '步长', 'Output as string': '输出为字符串',
  'Allows arbitrary precision values': '允许任意精度的数值', 'Date label': '日期标签', 'Time label': '时间标签', 'Time format': '时间格式',
  'Time interval': '时间间隔', 'Use 24h': '24 小时制', 'Disallow past dates': '不允许过去的日期', Date: '日期', Time: '时间',
  'Options expression': '选项表达式', 'Input values key': '输入值键', 'Define which input property to populate the values from': '选项取自哪个输入属性',
  'Define an expression to populate the options from.': '用表达式生成选项。', 'Hide if': '隐藏条件', 'Deactivate if': '禁用条件',
  'Condition under which the field is hidden': '满足此条件时隐藏字段', 'Condition under which the field is deactivated': '满足此条件时禁用字段',
  Columns: '列宽', Column: '列', Auto: '自动', Height: '高度', 'Vertical alignment': '垂直对齐', Top: '顶部', Center: '居中', Bottom: '底部',
  'Show outline': '显示边框', 'Disable collapse': '不可折叠', 'Number of non-collapsing items': '不折叠的项目数', 'Default number of items': '默认项目数',
  'Allow add/delete items': '允许增删项目', Repeatable: '可重复', 'Number of rows per page': '每页行数',
  'Specify the source from which to populate the table': '表格数据的来源', 'Specify an expression to populate column items': '用表达式生成列',
  'Image source': '图片地址', 'Alternative text': '替代文本', 'Descriptive text for screen reader accessibility.': '供读屏软件使用的说明文字。',
  'Expression or static value (link/data URI)': '表达式或固定值（链接或 data URI）',
  'Link referring to a hosted image, or use a data URI directly to embed image data into the form.': '图片的链接，或直接用 data URI 把图片嵌入表单。',
  'Compute on': '计算时机', 'Value changes': '值变化时', 'Define an expression to calculate the value of this field': '用表达式计算此字段的值',
  'Target value': '目标值', Submit: '提交', Reset: '重置', 'Supported file formats': '支持的文件格式', 'Upload multiple files': '允许上传多个文件',
  'Document reference': '文档引用', 'Max height of preview container': '预览区最大高度',
  'Documents whose height exceeds the defined value in pixels will be vertically scrollable': '高于此像素值的文档可上下滚动',
  'Height of the container in pixels.': '容器高度（像素）。', URL: '网址', 'Binds to a form variable': '绑定到表单变量',
  'Where the child variables of this component are pathed to.': '此组件下的子变量存放的路径。', 'Version tag': '版本标签',
  'Version tag by which this form can be referenced.': '引用此表单时使用的版本标签。',
  'Please make sure that the URL is safe as it might impose security risks.': '请确认网址安全，否则可能带来安全风险。',
  'The error message to display when the input does not match the regular expression.': '输入不符合正则表达式时显示的错误提示。',
  'Must not be empty': '不能为空', 'Must be number': '必须是数字', 'Should be a valid number': '应是有效的数字',
  'Must not cause two binding paths to collide': '不能与其他字段的绑定路径冲突', '<none>': '<无>', Form: '表单',
  'Select a form field to edit its properties.': '请选择一个表单字段以编辑其属性。',
  'Multiple form fields are selected. Select a single form field to edit its properties.': '已选择多个表单字段，请只选择一个以编辑其属性。',
  'Create new list item': '新增一项', 'Delete item': '删除此项', 'Toggle section': '展开/收起',
}

/** Texts made of a word and a frame, e.g. the palette's "Create a Text field element". */
const patterns: [RegExp, (word: string) => string][] = [
  [/^Create an? (.+) element$/, (word) => `添加${zh[word] ?? word}`],
]

function lookup(text: string): string | undefined {
  if (zh[text]) return zh[text]
  for (const [pattern, make] of patterns) {
    const m = pattern.exec(text)
    if (m) return make(m[1])
  }
  return undefined
}

/** Where the editor's own words are; everything else (the designed form) is the author's. */
const chrome = '.fjs-palette, .fjs-properties-container, .fjs-properties-panel, .bio-properties-panel, .fjs-empty-editor'
/** Inside the chrome, but the author's text or code: the panel header's field label, FEEL/code editors. */
const authored = '.bio-properties-panel-header-label, .cm-editor, [contenteditable]'
const attributes = ['title', 'placeholder', 'aria-label']

function inChrome(node: Node): boolean {
  const element = node instanceof Element ? node : node.parentElement
  return !!element?.closest(chrome) && !element.closest(authored)
}

function translateText(node: Text) {
  const text = node.data
  const key = text.trim()
  const translated = key ? lookup(key) : undefined
  if (translated && inChrome(node)) node.data = text.replace(key, translated)
}

function translateAttributes(element: Element) {
  for (const name of attributes) {
    const value = element.getAttribute(name)
    const translated = value ? lookup(value.trim()) : undefined
    if (translated && inChrome(element)) element.setAttribute(name, translated)
  }
}

function translateTree(root: Node) {
  if (root instanceof Text) {
    translateText(root)
    return
  }
  if (!(root instanceof Element)) return
  translateAttributes(root)
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT)
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (node instanceof Text) translateText(node)
    else translateAttributes(node as Element)
  }
}

/** Translates the editor in `container` now and whenever it draws again; returns the function that stops it. */
export function translateFormEditor(container: HTMLElement): () => void {
  if (currentLocale() !== 'zh-CN') return () => undefined
  translateTree(container)
  const observer = new MutationObserver((records) => {
    for (const record of records) {
      if (record.type === 'characterData') translateTree(record.target)
      else if (record.type === 'attributes') translateAttributes(record.target as Element)
      else record.addedNodes.forEach(translateTree)
    }
  })
  observer.observe(container, { subtree: true, childList: true, characterData: true, attributes: true, attributeFilter: attributes })
  return () => observer.disconnect()
}
