"""A unit's profile as tests type it: values that say which field they are, and the admin's form."""

from portal.identity.current import TEXT_FIELDS

# A unit other than the settings' default, with a value in every field that tells which field it is.
WARD = {
    "unit_name": "Đảng ủy phường Thanh Trì",
    "tagline": "Trang thông tin điện tử Đảng ủy phường",
    "english_name": "Thanh Tri Ward Party Committee",
    "address": "Số 8 phố Nguyễn Bồ, phường Thanh Trì, Hà Nội",
    "phone": "024 3861 2345",
    "email": "vanphong@thanhtri.hanoi.gov.vn",
    "licence": "Giấy phép số 27/GP-TTĐT do Sở Văn hóa và Thể thao Hà Nội cấp ngày 5/8/2025",
    "responsible_person": "Chịu trách nhiệm chính: Đồng chí Lê Thị Mai – Phó Bí thư Thường trực Đảng ủy",
    "office_hours": "Sáng 8h00–12h00, chiều 13h30–17h30 các ngày làm việc",
    "footer_text": "Ghi rõ nguồn “Đảng ủy phường Thanh Trì” khi đăng lại tin bài.",
}


def profile_form(profile=None, **changes):
    """The admin's profile form as a browser posts it back (no new image chosen), with `changes` typed in."""
    values = {name: getattr(profile, name) if profile else "" for name in TEXT_FIELDS}
    return {**values, **changes}
