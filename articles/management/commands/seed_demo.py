"""`manage.py seed_demo`: the district portal's demo content, safe to run again and again."""

import argparse
import io
import itertools
import random
import re
import secrets
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone
from django.utils.html import escape
from PIL import Image, ImageDraw, ImageFont, ImageOps
from tqdm import tqdm

from articles import renditions
from articles.models import Article, ArticleImage, Category
from articles.sanitize import clean_html
from articles.slugs import FALLBACK_SLUG, slugify_vietnamese

# One seed for every run, so the same day's demo is the same everywhere (screenshots, bug reports).
SEED = 2023
VIETNAM = ZoneInfo("Asia/Ho_Chi_Minh")
BATCH_SIZE = 500
# Below this a bar would flash by and only clutter the output.
PROGRESS_MIN_ARTICLES = 500
# Generated slugs end in "-<index>"; an existing slug with that ending marks the index as used.
INDEX_SUFFIX = re.compile(r"-(\d+)$")
# The first few generated articles also get a photo gallery, so the gallery layout has something to show.
GALLERY_ARTICLES = 5
DAYS_OF_HISTORY = 730
TITLE_ATTEMPTS = 8

IMAGE_SIZE = (1200, 800)
# Given up front, so creating thousands of articles never opens a photo to measure it.
POOL_COVER_SIZE = {"cover_width": IMAGE_SIZE[0], "cover_height": IMAGE_SIZE[1]}
# Fixed names, unlike the random ones uploads.py gives real photos: a rerun finds the pool instead of
# writing it again, and these public placeholders have nothing to hide.
IMAGE_POOL_NAME = "articles/covers/demo/demo-{number:02d}.jpg"
# One gradient per pooled photo: twelve are enough that a page of cards rarely repeats one side by side.
IMAGE_COLOURS = [
    ((150, 20, 25), (235, 170, 60)),
    ((20, 60, 120), (110, 180, 230)),
    ((25, 95, 60), (170, 215, 120)),
    ((90, 40, 110), (225, 150, 190)),
    ((120, 70, 20), (240, 210, 140)),
    ((10, 90, 100), (150, 225, 210)),
    ((60, 60, 70), (200, 200, 210)),
    ((170, 60, 20), (250, 200, 120)),
    ((30, 40, 90), (200, 120, 120)),
    ((70, 100, 20), (230, 230, 140)),
    ((110, 20, 60), (245, 160, 140)),
    ((20, 80, 140), (240, 240, 200)),
]

CATEGORY_TREE = [
    ("Tin tức - Sự kiện", ["Tin trong huyện", "Tin trong tỉnh"]),
    ("Chỉ đạo của Huyện ủy", []),
    ("Học tập và làm theo Bác", []),
    ("Kinh tế - Xã hội", ["Nông nghiệp - Nông thôn mới"]),
    ("Văn hóa - Xã hội", []),
    ("Quốc phòng - An ninh", []),
    ("Xây dựng Đảng", ["Công tác tổ chức", "Công tác kiểm tra"]),
]

REFERENCE_TITLE = "Kết quả 02 năm triển khai thực hiện Kết luận số 01-KL/TW, ngày 18/5/2021 của Bộ Chính trị"
REFERENCE_CATEGORY = "Chỉ đạo của Huyện ủy"
REFERENCE_VIEW_COUNT = 227
REFERENCE_PUBLISHED_AT = datetime(2023, 5, 18, 19, 30, tzinfo=VIETNAM)
REFERENCE_BYLINE = "Hoàng Thị Thu Thủy - Tuyên giáo (tổng hợp)"
REFERENCE_COVER = (
    "Hội nghị học tập chuyên đề năm 2023",
    "Cán bộ, đảng viên dự hội nghị học tập chuyên đề năm 2023",
)
REFERENCE_LEAD = (
    "Sau 02 năm triển khai thực hiện Kết luận số 01-KL/TW, ngày 18/5/2021 của Bộ Chính trị về tiếp tục thực "
    "hiện Chỉ thị số 05-CT/TW “về đẩy mạnh học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh”, "
    "việc học tập và làm theo Bác trong cán bộ, đảng viên và Nhân dân huyện đã có nhiều chuyển biến tích "
    "cực, trở thành việc làm thường xuyên, tự giác."
)
REFERENCE_PARAGRAPHS = [
    "Ngay sau khi Bộ Chính trị ban hành Kết luận số 01-KL/TW, Ban Thường vụ Huyện ủy đã ban hành kế hoạch "
    "triển khai thực hiện, chỉ đạo các tổ chức cơ sở đảng quán triệt sâu rộng đến cán bộ, đảng viên. Hằng "
    "năm, Ban Thường vụ Huyện ủy xác định việc học tập chuyên đề là một nội dung trọng tâm trong chương "
    "trình công tác.",
    "Trong 02 năm, 100% chi bộ, đảng bộ cơ sở đã tổ chức học tập chuyên đề hằng năm với tỷ lệ cán bộ, đảng "
    "viên tham gia đạt trên 95%. Các cấp ủy gắn việc học tập chuyên đề với sinh hoạt chi bộ định kỳ; mỗi "
    "cán bộ, đảng viên đăng ký ít nhất một nội dung làm theo gắn với chức trách, nhiệm vụ được giao và được "
    "kiểm điểm, đánh giá vào cuối năm.",
    "Việc nêu gương của cán bộ, đảng viên, nhất là người đứng đầu được chú trọng. Các cơ quan, đơn vị xây "
    "dựng và công khai chuẩn mực đạo đức; việc tiếp công dân, đối thoại trực tiếp với Nhân dân được duy trì "
    "thường xuyên, góp phần giải quyết kịp thời nhiều kiến nghị từ cơ sở.",
    "Phong trào thi đua học tập và làm theo Bác đã xuất hiện nhiều mô hình hay, cách làm sáng tạo như “Dân "
    "vận khéo”, “Chi bộ bốn tốt”, “Đảng viên gương mẫu, gia đình đảng viên văn hóa”. Trong 02 năm, toàn "
    "huyện có 48 tập thể, 126 cá nhân được các cấp khen thưởng vì có thành tích tiêu biểu.",
    "Bên cạnh kết quả đạt được, việc thực hiện Kết luận ở một số nơi còn hình thức, việc đăng ký làm theo "
    "của một số đảng viên chưa cụ thể. Thời gian tới, Ban Thường vụ Huyện ủy yêu cầu các cấp ủy tiếp tục "
    "đưa việc học tập và làm theo Bác thành nội dung sinh hoạt thường xuyên, gắn với thực hiện Nghị quyết "
    "Trung ương 4 khóa XII, XIII về xây dựng, chỉnh đốn Đảng và hệ thống chính trị.",
]
REFERENCE_GALLERY = [
    ("Đồng chí Bí thư Huyện ủy phát biểu chỉ đạo hội nghị", "Bí thư Huyện ủy phát biểu tại hội trường"),
    ("Báo cáo viên trình bày chuyên đề năm 2023", "Báo cáo viên đứng trước màn hình trình chiếu"),
    ("Khen thưởng tập thể, cá nhân tiêu biểu trong học tập và làm theo Bác", "Đại biểu nhận giấy khen"),
]

PLACES = [
    "xã Thanh Hải",
    "xã Thanh Xá",
    "xã Thanh Xuân",
    "xã Thanh Sơn",
    "xã Thanh Thủy",
    "xã Thanh Quang",
    "xã Thanh Hồng",
    "xã Thanh Cường",
    "xã Thanh Lang",
    "xã Tân An",
    "xã Tân Việt",
    "xã Hồng Lạc",
    "xã Cẩm Chế",
    "xã Liên Mạc",
    "xã An Phượng",
    "xã Vĩnh Cường",
    "thị trấn Thanh Hà",
]
ORGANISATIONS = [
    "Ban Thường vụ Huyện ủy",
    "Ủy ban nhân dân huyện",
    "Ủy ban MTTQ Việt Nam huyện",
    "Huyện đoàn",
    "Hội Nông dân huyện",
    "Hội Liên hiệp Phụ nữ huyện",
    "Hội Cựu chiến binh huyện",
]
REPORTERS = [
    "Nguyễn Văn Hùng",
    "Trần Thị Mai",
    "Phạm Minh Đức",
    "Lê Thị Hồng Nhung",
    "Vũ Đức Thắng",
    "Đỗ Thị Lan Anh",
    "Bùi Quang Huy",
    "Hoàng Thị Thu Thủy",
    "Đinh Văn Toàn",
    "Ngô Thị Phương",
]
QUARTERS = ["I", "II", "III", "IV"]
# Shared by every desk, so bodies from different desks still read as one newsroom's house style.
COMMON_PARAGRAPHS = [
    "Theo đánh giá chung, bên cạnh những kết quả đạt được vẫn còn một số hạn chế như: sự phối hợp giữa một "
    "số cơ quan, đơn vị có lúc chưa chặt chẽ; công tác tuyên truyền ở một số nơi chưa thường xuyên.",
    "Các đại biểu đã tập trung thảo luận, làm rõ nguyên nhân của những tồn tại, hạn chế, đồng thời đề xuất "
    "nhiều giải pháp thiết thực để thực hiện tốt nhiệm vụ trong thời gian tới.",
    "Dịp này, {org} đã khen thưởng {few} tập thể và {some} cá nhân có thành tích xuất sắc.",
    "Hội nghị cũng thống nhất các chỉ tiêu chủ yếu cho năm {next_year}, trong đó ưu tiên những việc có tác "
    "động trực tiếp đến đời sống của Nhân dân.",
]
CLOSING_PARAGRAPHS = [
    "Thời gian tới, {place} tiếp tục đẩy mạnh công tác tuyên truyền, phấn đấu hoàn thành các mục tiêu, "
    "nhiệm vụ năm {year} đã đề ra.",
    "Ban Thường vụ Huyện ủy yêu cầu các cấp ủy, tổ chức đảng tiếp tục quan tâm lãnh đạo, chỉ đạo, kịp thời "
    "biểu dương, nhân rộng các mô hình hay, cách làm hiệu quả.",
    "Việc triển khai đồng bộ các giải pháp đã tạo sự chuyển biến rõ nét, góp phần thực hiện thắng lợi Nghị "
    "quyết Đại hội Đảng bộ huyện nhiệm kỳ 2020 - 2025.",
    "Kết thúc chương trình, các đại biểu đều bày tỏ phấn khởi và mong muốn những hoạt động ý nghĩa như vậy "
    "sẽ được duy trì thường xuyên.",
]


@dataclass(frozen=True)
class Desk:
    """What one top-level section writes about; its sub-categories share it."""

    titles: list[str]
    leads: list[str]
    paragraphs: list[str]
    photos: list[tuple[str, str]]
    departments: list[str]


DESKS = {
    "Tin tức - Sự kiện": Desk(
        titles=[
            "Huyện Thanh Hà tổng kết công tác năm {year}, triển khai nhiệm vụ năm {next_year}",
            "Đoàn công tác của Tỉnh ủy làm việc tại {place}",
            "Sôi nổi các hoạt động chào mừng Ngày Quốc khánh 2/9 tại {place}",
            "{place} quảng bá vải thiều tại Lễ hội vải thiều Thanh Hà năm {year}",
            "Lãnh đạo huyện thăm, tặng quà gia đình chính sách tại {place}",
            "Hội nghị giao ban công tác dân vận quý {quarter} năm {year}",
            "{place} tổ chức Ngày hội Đại đoàn kết toàn dân tộc năm {year}",
            "{place} triển khai kế hoạch chuyển đổi số năm {year}",
            "{org} sơ kết công tác quý {quarter} năm {year}",
            "Đoàn công tác {place2} học tập kinh nghiệm tại {place}",
        ],
        leads=[
            "Ngày {date}, {org} đã tổ chức hội nghị đánh giá kết quả thực hiện nhiệm vụ và bàn giải pháp "
            "cho thời gian tới. Dự hội nghị có lãnh đạo các ban, ngành, đoàn thể huyện và đại diện {place}.",
            "Trong không khí phấn khởi, {place} đã tổ chức nhiều hoạt động thiết thực, thu hút đông đảo cán "
            "bộ, đảng viên và Nhân dân tham gia.",
            "Chiều {date}, đoàn công tác do đồng chí Phó Bí thư Thường trực Huyện ủy làm trưởng đoàn đã đến "
            "thăm và làm việc tại {place}.",
        ],
        paragraphs=[
            "Báo cáo tại buổi làm việc cho thấy, thời gian qua {place} đã bám sát chủ trương của cấp trên, "
            "tập trung lãnh đạo thực hiện các chỉ tiêu phát triển kinh tế - xã hội. Tổng giá trị sản xuất "
            "ước đạt {pct}% kế hoạch năm; thu nhập bình quân đầu người tiếp tục tăng so với cùng kỳ.",
            "Phát biểu tại buổi làm việc, lãnh đạo huyện ghi nhận, biểu dương những kết quả mà cán bộ, đảng "
            "viên và Nhân dân {place} đạt được; đồng thời đề nghị địa phương tiếp tục phát huy tinh thần "
            "đoàn kết, khắc phục khó khăn, hoàn thành thắng lợi các mục tiêu đề ra.",
            "Các hoạt động văn hóa, văn nghệ, thể dục thể thao được tổ chức sôi nổi với sự tham gia của "
            "{some} đội đến từ các thôn, khu dân cư, tạo không khí vui tươi, phấn khởi trong Nhân dân.",
            "Dịp này, {org} đã trao {some} suất quà cho các hộ gia đình chính sách, hộ nghèo và người có "
            "hoàn cảnh khó khăn trên địa bàn, mỗi suất trị giá 500.000 đồng.",
        ],
        photos=[
            ("Quang cảnh hội nghị", "Đại biểu ngồi kín hội trường dự hội nghị"),
            (
                "Lãnh đạo huyện tặng quà gia đình chính sách tại {place}",
                "Lãnh đạo huyện trao quà cho người dân",
            ),
            ("Tiết mục văn nghệ chào mừng tại {place}", "Diễn viên biểu diễn trên sân khấu ngoài trời"),
        ],
        departments=["Tuyên giáo", "Văn phòng Huyện ủy", "Trung tâm Văn hóa - Thông tin huyện"],
    ),
    "Chỉ đạo của Huyện ủy": Desk(
        titles=[
            "Huyện ủy ban hành Kế hoạch thực hiện Chỉ thị số {doc}-CT/TU của Ban Thường vụ Tỉnh ủy",
            "Ban Thường vụ Huyện ủy chỉ đạo tăng cường công tác phòng, chống thiên tai năm {year}",
            "Huyện ủy sơ kết 6 tháng đầu năm {year} thực hiện Nghị quyết Đại hội Đảng bộ huyện",
            "Thường trực Huyện ủy làm việc với Ban Thường vụ Đảng ủy {place}",
            "Cho ý kiến vào Đề án phát triển vùng vải thiều hàng hóa giai đoạn {year} - 2030",
            "Đảng ủy {place} quán triệt Nghị quyết Hội nghị Trung ương {plenum} khóa XIII",
            "Thường trực Huyện ủy tiếp công dân định kỳ tháng {month}/{year}",
            "Chỉ đạo tổ chức Tết Nguyên đán năm {next_year} vui tươi, lành mạnh, an toàn, tiết kiệm",
        ],
        leads=[
            "Nhằm cụ thể hóa chủ trương của cấp trên phù hợp với tình hình thực tế của địa phương, Ban "
            "Thường vụ Huyện ủy đã ban hành văn bản chỉ đạo các tổ chức cơ sở đảng, cơ quan, đơn vị triển "
            "khai thực hiện nghiêm túc, hiệu quả.",
            "Ngày {date}, Huyện ủy tổ chức hội nghị trực tuyến đến {few} điểm cầu cơ sở để quán triệt, "
            "triển khai các văn bản mới của Trung ương và của Tỉnh ủy.",
            "Chiều {date}, Thường trực Huyện ủy có buổi làm việc với Ban Thường vụ Đảng ủy {place} về tình "
            "hình thực hiện nhiệm vụ chính trị năm {year}.",
        ],
        paragraphs=[
            "Văn bản yêu cầu cấp ủy, người đứng đầu các cơ quan, đơn vị nâng cao trách nhiệm, chủ động xây "
            "dựng kế hoạch cụ thể, phân công rõ người, rõ việc, rõ thời gian hoàn thành; định kỳ báo cáo "
            "kết quả về Ban Thường vụ Huyện ủy qua Văn phòng Huyện ủy.",
            "Ban Tuyên giáo Huyện ủy được giao chủ trì, phối hợp với các cơ quan liên quan hướng dẫn, theo "
            "dõi, đôn đốc việc thực hiện; Ủy ban Kiểm tra Huyện ủy đưa nội dung này vào chương trình kiểm "
            "tra, giám sát năm {year}.",
            "Kết luận buổi làm việc, đồng chí Bí thư Huyện ủy đề nghị Đảng ủy {place} tập trung chỉ đạo "
            "hoàn thành các chỉ tiêu còn đạt thấp, quan tâm giải quyết dứt điểm các kiến nghị chính đáng "
            "của Nhân dân, không để phát sinh điểm nóng.",
            "Tại hội nghị, báo cáo viên đã truyền đạt những nội dung cơ bản, cốt lõi của các văn bản; đồng "
            "thời gợi mở những vấn đề cần vận dụng vào thực tiễn lãnh đạo, chỉ đạo ở cơ sở. Sau hội nghị, "
            "{pct}% cán bộ, đảng viên đã viết bài thu hoạch, liên hệ với nhiệm vụ được giao.",
        ],
        photos=[
            (
                "Đồng chí Bí thư Huyện ủy phát biểu kết luận hội nghị",
                "Bí thư Huyện ủy phát biểu tại hội nghị",
            ),
            ("Hội nghị trực tuyến đến các điểm cầu cơ sở", "Màn hình chia nhiều điểm cầu trực tuyến"),
            ("Thường trực Huyện ủy làm việc tại {place}", "Đại biểu ngồi quanh bàn họp"),
        ],
        departments=["Văn phòng Huyện ủy", "Tuyên giáo"],
    ),
    "Học tập và làm theo Bác": Desk(
        titles=[
            "{place} sơ kết thực hiện Chỉ thị 05-CT/TW của Bộ Chính trị",
            "Gương sáng học tập và làm theo Bác ở {place}",
            "Tuyên dương {some} tập thể, cá nhân điển hình học tập và làm theo Bác năm {year}",
            "Đảng viên trẻ {place} làm theo lời Bác trong phát triển kinh tế",
            "Lan tỏa những việc làm đẹp theo gương Bác Hồ trong đoàn viên, thanh niên {place}",
            "Người cựu chiến binh {place} hiến đất làm đường giao thông nông thôn",
            "{place} thi kể chuyện về tấm gương đạo đức Hồ Chí Minh năm {year}",
        ],
        leads=[
            "Thời gian qua, việc học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh ở {place} đã "
            "đi vào chiều sâu, trở thành việc làm tự giác, thường xuyên của cán bộ, đảng viên và Nhân dân.",
            "Từ những việc làm bình dị, nhiều tấm gương ở {place} đã góp phần lan tỏa tinh thần học tập và "
            "làm theo Bác trong cộng đồng.",
            "Ngày {date}, {org} tổ chức hội nghị biểu dương các tập thể, cá nhân điển hình tiên tiến trong "
            "học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh.",
        ],
        paragraphs=[
            "Mỗi chi bộ đều đưa nội dung học tập và làm theo Bác vào sinh hoạt định kỳ hằng tháng; mỗi cán "
            "bộ, đảng viên đăng ký một việc làm cụ thể, thiết thực gắn với chức trách, nhiệm vụ và được chi "
            "bộ theo dõi, đánh giá vào cuối năm.",
            "Không chỉ chăm lo phát triển kinh tế gia đình, anh còn tích cực tham gia các hoạt động của địa "
            "phương, giúp đỡ {few} hộ khó khăn về giống, vốn và kinh nghiệm sản xuất để vươn lên thoát "
            "nghèo.",
            "Từ phong trào, {place} đã vận động Nhân dân hiến hơn {many} m² đất, đóng góp hàng nghìn ngày "
            "công để mở rộng đường làng, ngõ xóm, xây dựng nhà văn hóa thôn.",
            "Những tấm gương bình dị ấy là minh chứng sinh động cho sức lan tỏa của tư tưởng, đạo đức, "
            "phong cách Hồ Chí Minh trong đời sống, góp phần củng cố niềm tin của Nhân dân đối với Đảng, "
            "chính quyền.",
        ],
        photos=[
            (
                "Biểu dương các điển hình học tập và làm theo Bác",
                "Các điển hình nhận giấy khen trên sân khấu",
            ),
            (
                "Đoàn viên thanh niên {place} tham gia làm đường giao thông",
                "Thanh niên đổ bê tông đường làng",
            ),
            ("Hội thi kể chuyện về Bác Hồ", "Thí sinh kể chuyện trước ban giám khảo"),
        ],
        departments=["Tuyên giáo", "Huyện đoàn", "Hội Cựu chiến binh huyện"],
    ),
    "Kinh tế - Xã hội": Desk(
        titles=[
            "{place} về đích xã nông thôn mới nâng cao",
            "Nông dân {place} phấn khởi vì vải thiều được mùa, được giá",
            "Huyện Thanh Hà đẩy mạnh giải ngân vốn đầu tư công năm {year}",
            "Khởi công xây dựng tuyến đường nối {place} với {place2}",
            "Hỗ trợ nông dân {place} bán nông sản trên sàn thương mại điện tử",
            "Thu ngân sách 6 tháng đầu năm {year} đạt {pct}% dự toán",
            "{place} ra mắt hợp tác xã sản xuất rau an toàn theo chuỗi giá trị",
            "Tập huấn kỹ thuật chăm sóc vải thiều theo tiêu chuẩn VietGAP cho nông dân {place}",
        ],
        leads=[
            "Với sự vào cuộc của cả hệ thống chính trị và sự đồng thuận của Nhân dân, bộ mặt nông thôn "
            "{place} ngày càng khang trang, đời sống người dân không ngừng được nâng lên.",
            "Năm {year}, toàn huyện có khoảng {many} ha vải thiều, trong đó diện tích sản xuất theo tiêu "
            "chuẩn VietGAP tiếp tục được mở rộng, giá bán ổn định ở mức cao.",
            "Ngày {date}, {org} phối hợp với {place} tổ chức lễ khởi công, ra mắt mô hình sản xuất mới, thu "
            "hút sự quan tâm của đông đảo người dân.",
        ],
        paragraphs=[
            "Để đạt được kết quả này, {place} đã huy động tổng nguồn lực hơn {many} tỷ đồng, trong đó Nhân "
            "dân đóng góp bằng tiền, đất và ngày công chiếm tỷ lệ đáng kể. Hệ thống đường giao thông, thủy "
            "lợi, trường học, trạm y tế được đầu tư đồng bộ.",
            "Nhiều hộ nông dân đã mạnh dạn chuyển đổi cơ cấu cây trồng, áp dụng tiến bộ khoa học kỹ thuật "
            "vào sản xuất, cho thu nhập từ 150 đến 200 triệu đồng/ha/năm, cao gấp 2-3 lần so với trồng lúa.",
            "Cùng với sản xuất, khâu tiêu thụ được quan tâm. Các hợp tác xã liên kết với doanh nghiệp bao "
            "tiêu sản phẩm, đưa nông sản của huyện lên các sàn thương mại điện tử và xuất khẩu sang Nhật "
            "Bản, Hàn Quốc.",
            "Tuyến đường có tổng chiều dài hơn {few} km, mặt đường rộng 7,5 m, dự kiến hoàn thành trong năm "
            "{next_year}. Khi đưa vào sử dụng, công trình sẽ góp phần kết nối giao thông, thúc đẩy giao "
            "thương và phát triển kinh tế - xã hội các xã ven sông.",
        ],
        photos=[
            ("Nông dân {place} thu hoạch vải thiều", "Người dân hái vải trong vườn"),
            ("Lễ khởi công tuyến đường nối {place} với {place2}", "Đại biểu cắt băng khởi công công trình"),
            ("Một góc nông thôn mới {place}", "Đường làng rộng rãi, hai bên có hàng cây xanh"),
        ],
        departments=["Phòng Nông nghiệp và PTNT", "Văn phòng HĐND và UBND huyện", "Tuyên giáo"],
    ),
    "Văn hóa - Xã hội": Desk(
        titles=[
            "{place} khai mạc giải bóng đá thanh niên năm {year}",
            "Trao {some} suất học bổng cho học sinh vượt khó học giỏi",
            "Trạm Y tế {place} khám sức khỏe miễn phí cho người cao tuổi",
            "Hội thi tuyên truyền viên giỏi huyện Thanh Hà năm {year}",
            "Triển khai chiến dịch tiêm chủng mở rộng tại {place}",
            "Ngành Giáo dục huyện tổng kết năm học {school_year}",
            "{place} xây dựng khu dân cư văn hóa kiểu mẫu",
            "{place} tổ chức đêm văn nghệ mừng Đảng, mừng Xuân {next_year}",
        ],
        leads=[
            "Ngày {date}, {place} phối hợp với các đơn vị liên quan tổ chức chương trình, thu hút hàng trăm "
            "người dân tham gia.",
            "Năm học {school_year}, ngành Giáo dục huyện tiếp tục giữ vững chất lượng giáo dục toàn diện, "
            "tỷ lệ học sinh lên lớp đạt trên {pct}%.",
            "Phong trào “Toàn dân đoàn kết xây dựng đời sống văn hóa” ở {place} ngày càng đi vào chiều sâu, "
            "góp phần xây dựng nông thôn mới văn minh, giàu bản sắc.",
        ],
        paragraphs=[
            "Trong buổi sáng, các y, bác sĩ đã khám, tư vấn sức khỏe và cấp thuốc miễn phí cho {many} người "
            "cao tuổi, người có công và đối tượng bảo trợ xã hội trên địa bàn.",
            "Giải đấu có {some} đội bóng tham gia, thi đấu theo thể thức vòng tròn tính điểm. Nhiều cầu thủ "
            "trẻ đã thể hiện kỹ thuật và tinh thần thi đấu cao thượng, mang đến những trận cầu hấp dẫn cho "
            "khán giả.",
            "Nhờ sự quan tâm đầu tư, {pct}% trường học trên địa bàn huyện đạt chuẩn quốc gia; đội ngũ giáo "
            "viên được chuẩn hóa, nhiều học sinh đạt giải cao trong các kỳ thi học sinh giỏi cấp tỉnh.",
            "Các thôn, khu dân cư duy trì tốt hương ước, quy ước; việc cưới, việc tang và lễ hội được tổ "
            "chức văn minh, tiết kiệm. Tỷ lệ gia đình đạt danh hiệu “Gia đình văn hóa” hằng năm đạt trên "
            "{pct}%.",
        ],
        photos=[
            ("Khám sức khỏe cho người cao tuổi tại Trạm Y tế {place}", "Bác sĩ đo huyết áp cho cụ bà"),
            ("Trận khai mạc giải bóng đá thanh niên", "Cầu thủ tranh bóng trên sân cỏ"),
            ("Trao học bổng cho học sinh vượt khó", "Học sinh nhận phong bì học bổng"),
        ],
        departments=[
            "Trung tâm Văn hóa - Thông tin huyện",
            "Phòng Giáo dục và Đào tạo",
            "Trung tâm Y tế huyện",
        ],
    ),
    "Quốc phòng - An ninh": Desk(
        titles=[
            "{some} thanh niên Thanh Hà lên đường nhập ngũ năm {year}",
            "Công an {place} ra mắt mô hình “Camera an ninh khu dân cư”",
            "Diễn tập chiến đấu phòng thủ {place} năm {year}",
            "Công an {place} bảo đảm an ninh trật tự dịp Tết Nguyên đán năm {next_year}",
            "Ra mắt tổ bảo vệ an ninh, trật tự ở cơ sở tại {place}",
            "{place} tổng kết phong trào toàn dân bảo vệ an ninh Tổ quốc năm {year}",
            "Tuyên truyền phòng, chống lừa đảo qua mạng cho người dân {place}",
        ],
        leads=[
            "Sáng {date}, trong không khí trang nghiêm, Hội đồng nghĩa vụ quân sự huyện tổ chức lễ giao "
            "nhận quân, tiễn {some} thanh niên ưu tú lên đường nhập ngũ.",
            "Những năm qua, phong trào toàn dân bảo vệ an ninh Tổ quốc ở {place} được duy trì hiệu quả, góp "
            "phần giữ vững an ninh chính trị, trật tự an toàn xã hội trên địa bàn.",
            "Ngày {date}, Công an huyện phối hợp với {place} tổ chức ra mắt mô hình mới, góp phần phát "
            "hiện, phòng ngừa tội phạm ngay từ cơ sở.",
        ],
        paragraphs=[
            "Cuộc diễn tập diễn ra theo đúng kế hoạch, bảo đảm an toàn tuyệt đối về người và vũ khí, trang "
            "bị. Qua đó nâng cao năng lực lãnh đạo, chỉ đạo, điều hành của cấp ủy, chính quyền cơ sở trong "
            "xử lý các tình huống quốc phòng, an ninh.",
            "Thời gian qua, lực lượng Công an huyện đã phối hợp chặt chẽ với các xã, thị trấn, kịp thời "
            "giải quyết {some} vụ việc ngay từ cơ sở, không để phát sinh điểm nóng về an ninh trật tự.",
            "Hệ thống {some} mắt camera được lắp đặt tại các trục đường chính, ngõ xóm và nơi công cộng, do "
            "Nhân dân tự nguyện đóng góp kinh phí, kết nối về trụ sở Công an xã để theo dõi 24/24 giờ.",
            "Lực lượng chức năng khuyến cáo người dân không cung cấp thông tin cá nhân, mã OTP cho người "
            "lạ; khi phát hiện dấu hiệu lừa đảo, cần báo ngay cho cơ quan công an gần nhất.",
        ],
        photos=[
            ("Tân binh lên đường nhập ngũ", "Thanh niên mặc quân phục xếp hàng tại lễ giao nhận quân"),
            ("Lực lượng dân quân {place} tham gia diễn tập", "Dân quân thực hành tình huống diễn tập"),
            ("Ra mắt mô hình camera an ninh tại {place}", "Cán bộ công an kiểm tra màn hình camera"),
        ],
        departments=["Công an huyện", "Ban Chỉ huy Quân sự huyện"],
    ),
    "Xây dựng Đảng": Desk(
        titles=[
            "Đảng bộ {place} kết nạp {few} đảng viên mới",
            "Ủy ban Kiểm tra Huyện ủy giám sát chuyên đề tại {place}",
            "Trao Huy hiệu 30, 40, 50 năm tuổi Đảng cho đảng viên {place}",
            "Đảng ủy {place} tổng kết công tác kiểm tra, giám sát năm {year}",
            "Bồi dưỡng lý luận chính trị cho {some} quần chúng ưu tú",
            "Nâng cao chất lượng sinh hoạt chi bộ ở {place}",
            "Huyện ủy kiểm điểm, đánh giá, xếp loại tập thể, cá nhân năm {year}",
        ],
        leads=[
            "Thời gian qua, Đảng ủy {place} luôn quan tâm công tác phát triển đảng viên, coi đây là nhiệm "
            "vụ thường xuyên để bổ sung nguồn lực cho tổ chức đảng.",
            "Ngày {date}, Ủy ban Kiểm tra Huyện ủy tổ chức hội nghị đánh giá kết quả công tác kiểm tra, "
            "giám sát và triển khai nhiệm vụ thời gian tới.",
            "Việc đổi mới, nâng cao chất lượng sinh hoạt chi bộ đã góp phần tăng cường sức chiến đấu của tổ "
            "chức cơ sở đảng ở {place}.",
        ],
        paragraphs=[
            "Trong năm, Ủy ban Kiểm tra các cấp trong Đảng bộ huyện đã kiểm tra {few} tổ chức đảng và "
            "{some} đảng viên khi có dấu hiệu vi phạm; giám sát chuyên đề đối với nhiều tổ chức đảng và "
            "đảng viên, qua đó kịp thời chấn chỉnh những thiếu sót, khuyết điểm.",
            "Để làm tốt công tác phát triển đảng viên, Đảng ủy chỉ đạo các chi bộ rà soát, giới thiệu quần "
            "chúng ưu tú tham gia lớp bồi dưỡng nhận thức về Đảng; phân công đảng viên chính thức giúp đỡ "
            "quần chúng phấn đấu.",
            "Nội dung sinh hoạt chi bộ được chuẩn bị chu đáo, bám sát nhiệm vụ chính trị của địa phương; "
            "mỗi kỳ sinh hoạt đều dành thời gian thảo luận những vấn đề Nhân dân quan tâm, từ đó đề ra giải "
            "pháp phù hợp.",
            "Phát biểu tại buổi lễ, đồng chí Bí thư Đảng ủy chúc mừng các đảng viên được trao Huy hiệu Đảng "
            "và mong các đồng chí tiếp tục giữ gìn phẩm chất người đảng viên, là tấm gương sáng cho thế hệ "
            "trẻ.",
        ],
        photos=[
            ("Lễ kết nạp đảng viên mới tại {place}", "Đảng viên mới tuyên thệ dưới cờ Đảng"),
            ("Trao Huy hiệu Đảng cho đảng viên {place}", "Đảng viên lão thành nhận Huy hiệu Đảng"),
            ("Hội nghị tổng kết công tác kiểm tra, giám sát", "Đại biểu dự hội nghị tại hội trường"),
        ],
        departments=["Ban Tổ chức Huyện ủy", "Ủy ban Kiểm tra Huyện ủy", "Tuyên giáo"],
    ),
}


@dataclass
class DemoArticle:
    article: Article
    gallery: list[tuple[str, str, str]] = field(default_factory=list)


def _non_negative(value: str) -> int:
    number = int(value)
    if number < 0:
        raise argparse.ArgumentTypeError("must be 0 or more")
    return number


class _UnterminatedWriter:
    """tqdm redraws its bar with carriage returns; OutputWrapper would end every redraw with a newline."""

    def __init__(self, output):
        self._output = output

    def write(self, text):
        # Nor should the bar take on the error colour OutputWrapper gives everything on stderr.
        self._output.write(text, style_func=lambda plain: plain, ending="")

    def flush(self):
        self._output.flush()


class Command(BaseCommand):
    help = (
        "Fill the database with the district portal's demo content: two levels of categories, the reference "
        "article on Kết luận 01-KL/TW, generated Vietnamese news articles sharing a small pool of generated "
        "cover images, and a staff superuser for the newsroom. Safe to rerun: only what is missing is "
        "created, and existing articles, view counts and passwords are never changed."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--articles",
            type=_non_negative,
            default=60,
            metavar="N",
            help="Make sure at least N articles exist in total, creating only the missing ones (default 60).",
        )
        parser.add_argument(
            "--username",
            default="bientap",
            help="Username of the newsroom staff superuser (default: bientap).",
        )

    def handle(self, *args, articles, username, **options):
        pool = ensure_image_pool()
        with transaction.atomic():
            sections, categories_created = ensure_categories()
            articles_created = int(ensure_reference_article(sections, pool))
            articles_created += self._top_up_articles(articles, sections, pool)
        self._ensure_staff_user(username)
        self.stdout.write(
            f"Categories: {Category.objects.count()} in total, {categories_created} created now."
        )
        self.stdout.write(f"Articles: {Article.objects.count()} in total, {articles_created} created now.")

    def _top_up_articles(self, wanted, sections, pool) -> int:
        missing = max(0, wanted - Article.objects.count())
        indexes = itertools.islice(unused_indexes(), missing)
        today = timezone.localdate(timezone=VIETNAM)
        used_titles = set(Article.objects.values_list("title", flat=True).iterator())
        quiet = missing < PROGRESS_MIN_ARTICLES or not self.stderr.isatty()
        with tqdm(total=missing, unit="article", file=_UnterminatedWriter(self.stderr), disable=quiet) as bar:
            for batch in _batches(indexes, BATCH_SIZE):
                stories = [build_demo_article(index, sections, pool, today, used_titles) for index in batch]
                # SQLite and PostgreSQL (the portal's databases) return the new keys the galleries need.
                Article.objects.bulk_create([story.article for story in stories], batch_size=BATCH_SIZE)
                add_galleries(stories)
                bar.update(len(batch))
        return missing

    def _ensure_staff_user(self, username):
        password = ensure_staff_user(username)
        if password is None:
            self.stdout.write(
                f'User "{username}" already exists; its password was not changed '
                f"(set a new one with: manage.py changepassword {username})."
            )
            return
        self.stdout.write(
            self.style.SUCCESS(f'Created staff superuser "{username}" with password: {password}')
        )
        self.stdout.write(self.style.WARNING("Note it now: it is stored only as a hash and not shown again."))


def ensure_image_pool() -> list[str]:
    """Stored names of the shared placeholder photos, drawn and saved only if missing."""
    storage = Article._meta.get_field("cover_image").storage
    names = []
    for number, colours in enumerate(IMAGE_COLOURS, start=1):
        name = IMAGE_POOL_NAME.format(number=number)
        if not storage.exists(name):
            name = storage.save(name, ContentFile(render_placeholder_jpeg(number, *colours)))
            renditions.generate_for_stored(name)
        names.append(name)
    return names


def render_placeholder_jpeg(number: int, top: tuple, bottom: tuple) -> bytes:
    rng = random.Random(f"{SEED}-image-{number}")
    width, height = IMAGE_SIZE
    background = ImageOps.colorize(Image.linear_gradient("L").resize(IMAGE_SIZE), black=top, white=bottom)
    overlay = Image.new("RGBA", IMAGE_SIZE)
    draw = ImageDraw.Draw(overlay)
    for _ in range(7):
        x, y, radius = rng.randrange(width), rng.randrange(height), rng.randint(60, 280)
        draw.ellipse(
            (x - radius, y - radius, x + radius, y + radius), fill=(255, 255, 255, rng.randint(25, 70))
        )
    draw.rectangle((0, height - 140, width, height), fill=(0, 0, 0, 110))
    # The bundled font lacks Vietnamese diacritics, so the label stays ASCII.
    font = ImageFont.load_default(size=64)
    draw.text((60, height - 108), f"DEMO {number:02d}", font=font, fill=(255, 255, 255, 235))
    buffer = io.BytesIO()
    Image.alpha_composite(background.convert("RGBA"), overlay).convert("RGB").save(buffer, "JPEG", quality=82)
    return buffer.getvalue()


def ensure_categories() -> tuple[list[tuple[Category, Desk]], int]:
    """Every demo category paired with the desk that writes for it, and how many were missing."""
    sections, created_count = [], 0
    for order, (name, sub_names) in enumerate(CATEGORY_TREE, start=1):
        parent, created = Category.objects.get_or_create(name=name, parent=None, defaults={"order": order})
        sections.append((parent, DESKS[name]))
        created_count += created
        for sub_order, sub_name in enumerate(sub_names, start=1):
            child, created = Category.objects.get_or_create(
                name=sub_name, parent=parent, defaults={"order": sub_order}
            )
            sections.append((child, DESKS[name]))
            created_count += created
    return sections, created_count


def ensure_reference_article(sections, pool) -> bool:
    """The article the portal was designed from; created once, then left to the newsroom."""
    if Article.objects.filter(title=REFERENCE_TITLE).exists():
        return False
    category = next(c for c, _ in sections if c.name == REFERENCE_CATEGORY and c.parent_id is None)
    article = Article.objects.create(
        title=REFERENCE_TITLE,
        category=category,
        lead=REFERENCE_LEAD,
        body=_paragraphs_html(REFERENCE_PARAGRAPHS),
        cover_image=pool[0],
        **POOL_COVER_SIZE,
        cover_caption=REFERENCE_COVER[0],
        cover_alt=REFERENCE_COVER[1],
        byline=REFERENCE_BYLINE,
        status=Article.Status.PUBLISHED,
        published_at=REFERENCE_PUBLISHED_AT,
        view_count=REFERENCE_VIEW_COUNT,
    )
    gallery = [
        (name, caption, alt) for name, (caption, alt) in zip(pool[1:4], REFERENCE_GALLERY, strict=True)
    ]
    add_galleries([DemoArticle(article, gallery)])
    return True


def unused_indexes():
    """Demo article numbers not yet in any slug, so a top-up never collides with an earlier run."""
    taken = {
        int(match.group(1))
        for slug in Article.objects.values_list("slug", flat=True).iterator()
        if (match := INDEX_SUFFIX.search(slug))
    }
    return (index for index in itertools.count(1) if index not in taken)


def build_demo_article(index: int, sections, pool, today: date, used_titles: set[str]) -> DemoArticle:
    """Article number `index`, the same on every run of the same day against the same database."""
    rng = random.Random(f"{SEED}-{index}")
    category, desk = rng.choice(sections)
    published_at = _publication_time(rng, today)
    title, values = _fresh_title(rng, desk, published_at, used_titles)
    status = _pick_status(rng)
    caption, alt = (_fill(text, values) for text in rng.choice(desk.photos))
    article = Article(
        title=title,
        slug=_demo_slug(title, index),
        category=category,
        lead=_fill(rng.choice(desk.leads), values),
        body=_paragraphs_html(_body_paragraphs(rng, desk, values)),
        cover_image=rng.choice(pool),
        **POOL_COVER_SIZE,
        cover_caption=caption,
        cover_alt=alt,
        byline=_byline(rng, desk),
        status=status,
        published_at=published_at if status == Article.Status.PUBLISHED else None,
        is_featured=status == Article.Status.PUBLISHED and rng.random() < 0.08,
        view_count=_view_count(rng),
    )
    gallery = []
    if index <= GALLERY_ARTICLES:
        gallery = [(rng.choice(pool), *(_fill(text, values) for text in photo)) for photo in desk.photos[:2]]
    return DemoArticle(article, gallery)


def add_galleries(stories: list[DemoArticle]):
    ArticleImage.objects.bulk_create(
        ArticleImage(
            article=story.article,
            image=name,
            width=IMAGE_SIZE[0],
            height=IMAGE_SIZE[1],
            caption=caption,
            alt_text=alt,
            order=order,
        )
        for story in stories
        for order, (name, caption, alt) in enumerate(story.gallery, start=1)
    )


def _demo_slug(title: str, index: int) -> str:
    # bulk_create skips Article.save(), which would otherwise pick the slug; the index keeps it unique.
    suffix = f"-{index}"
    base = slugify_vietnamese(title, max_length=Article.SLUG_MAX_LENGTH - len(suffix)) or FALLBACK_SLUG
    return base + suffix


def _paragraphs_html(paragraphs: list[str]) -> str:
    # bulk_create skips the sanitizer in Article.save(); running it here stores exactly what a save would.
    return clean_html("".join(f"<p>{escape(text)}</p>" for text in paragraphs))


def _publication_time(rng: random.Random, today: date) -> datetime:
    # Relative to today, never later, so the demo always looks current and every article is already public.
    day = today - timedelta(days=rng.randint(1, DAYS_OF_HISTORY))
    return datetime.combine(day, time(rng.randint(6, 21), rng.choice((0, 15, 30, 45))), tzinfo=VIETNAM)


def _story_values(rng: random.Random, published_at: datetime) -> dict:
    """What the templates' placeholders stand for; dates in the text agree with the publication date."""
    place, place2 = rng.sample(PLACES, 2)
    return {
        "place": place,
        "place2": place2,
        "org": rng.choice(ORGANISATIONS),
        "date": f"{published_at.day}/{published_at.month}",
        "month": published_at.month,
        "year": published_at.year,
        "next_year": published_at.year + 1,
        "school_year": f"{published_at.year - 1} - {published_at.year}",
        "quarter": QUARTERS[(published_at.month - 1) // 3],
        "plenum": rng.randint(6, 10),
        "doc": rng.randint(10, 40),
        "few": rng.randint(3, 15),
        "some": rng.randint(16, 60),
        "many": rng.randint(120, 950),
        "pct": rng.randint(52, 98),
    }


def _fresh_title(rng: random.Random, desk: Desk, published_at: datetime, used_titles: set[str]):
    """A title no other article has, if a few draws find one; the templates cannot make 10000 unique ones."""
    for _ in range(TITLE_ATTEMPTS):
        values = _story_values(rng, published_at)
        title = _fill(rng.choice(desk.titles), values)
        if title not in used_titles:
            break
    used_titles.add(title)
    return title, values


def _fill(template: str, values: dict) -> str:
    text = template.format_map(values)
    # Templates may open with a place ("xã Thanh Hải"), which starts a sentence in lower case.
    return text[:1].upper() + text[1:]


def _body_paragraphs(rng: random.Random, desk: Desk, values: dict) -> list[str]:
    middle = rng.sample(desk.paragraphs + COMMON_PARAGRAPHS, rng.randint(2, 5))
    return [_fill(text, values) for text in [*middle, rng.choice(CLOSING_PARAGRAPHS)]]


def _pick_status(rng: random.Random) -> str:
    roll = rng.random()
    if roll < 0.04:
        return Article.Status.DRAFT
    if roll < 0.08:
        return Article.Status.PENDING
    return Article.Status.PUBLISHED


def _view_count(rng: random.Random) -> int:
    # Most news is read a few dozen times and a handful of stories far more, as on a real portal.
    return min(int(rng.paretovariate(1.3) * 40), 25_000)


def _byline(rng: random.Random, desk: Desk) -> str:
    byline = f"{rng.choice(REPORTERS)} - {rng.choice(desk.departments)}"
    return f"{byline} (tổng hợp)" if rng.random() < 0.25 else byline


def _batches(iterable, size: int):
    iterator = iter(iterable)
    while batch := list(itertools.islice(iterator, size)):
        yield batch


def ensure_staff_user(username: str) -> str | None:
    """The new user's password, or None when the user already exists (its password is left alone)."""
    user_model = get_user_model()
    if user_model._default_manager.filter(**{user_model.USERNAME_FIELD: username}).exists():
        return None
    password = secrets.token_urlsafe(12)
    user_model._default_manager.create_superuser(username=username, email="", password=password)
    return password
