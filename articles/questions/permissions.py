"""Every permission the newsroom grants on readers' questions, named once (as articles/permissions.py)."""

from accounts.permissions import Permission, model_permissions

VIEW_QUESTION, ADD_QUESTION, CHANGE_QUESTION, DELETE_QUESTION = model_permissions("questions", "question")
VIEW_TOPIC, ADD_TOPIC, CHANGE_TOPIC, DELETE_TOPIC = model_permissions("questions", "topic")

ANSWER_QUESTION = Permission("questions.answer_question", "Trả lời câu hỏi của bạn đọc")
PUBLISH_QUESTION = Permission("questions.publish_question", "Đăng, gỡ câu hỏi và trả lời")

QUESTION_WORKFLOW = (ANSWER_QUESTION, PUBLISH_QUESTION)
