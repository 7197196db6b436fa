"""documents layer: PDF builders from plain data (no Qt, no database).

fonts (bundled CJK faces, per-character fallback), data (the dataclasses the builders take),
certificates (荣誉证书, full design or 套打 overlay), gbt9704 (the 公文 page grid), notices and
notice_texts (公文 and their wording), forms (签收单, 评分表, 汇总表, 工作总结, 推荐表).
Every builder writes to a temporary file beside the target and replaces it in one step.
"""
