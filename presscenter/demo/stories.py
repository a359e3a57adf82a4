"""The demo's items, written for this project: plausible Hanoi civic news, invented figures.

Dates are relative to the day the demo is seeded (`days_ago`, local `hour`), so the demo always
looks current. Keys let corrections and translations point at the item they belong to.
"""

from dataclasses import dataclass

from presscenter.releases.models import ItemType, Language, Priority


@dataclass(frozen=True)
class Revision:
    """A later published version: what changed, and the public change note."""

    after_hours: int
    change_note: str
    lead: str = ""
    body: tuple[str, ...] = ()


@dataclass(frozen=True)
class Story:
    key: str
    desk: str  # presscenter.demo.people.AGENCY_DESKS
    type: str
    days_ago: int
    hour: float
    title: str
    lead: str
    body: tuple[str, ...]
    topics: tuple[str, ...] = ()
    areas: tuple[str, ...] = ()
    priority: str = Priority.NORMAL
    language: str = Language.VI
    translation_of: str | None = None
    corrects: str | None = None
    revision: Revision | None = None
    withdrawal_reason: str = ""
    forced_reason: str = ""  # published by the center operator without a second approver
    attachments: tuple[str, ...] = ()  # presscenter.demo.seed.ATTACHMENTS
    embargo_hours: int | None = None  # published now, under embargo for this long
    scheduled_hours: int | None = None  # approved now, published this many hours later


PR, STATEMENT, NOTICE, ANSWER = ItemType.PRESS_RELEASE, ItemType.STATEMENT, ItemType.ANNOUNCEMENT, ItemType.ANSWER
CORRECTION, EMERGENCY = ItemType.CORRECTION, ItemType.EMERGENCY

STORIES: list[Story] = [
    # --- Văn phòng UBND Thành phố -------------------------------------------------------------
    Story(
        "vp-hop-bao-quy", "vanphong", NOTICE, 57, 9,
        "Thông báo họp báo định kỳ cung cấp thông tin về tình hình kinh tế - xã hội quý III",
        "Văn phòng UBND Thành phố tổ chức họp báo định kỳ quý III tại Trung tâm Báo chí Thủ đô.",
        (
            "Họp báo do lãnh đạo UBND Thành phố chủ trì, với sự tham dự của đại diện các sở, ngành "
            "liên quan. Nội dung chính gồm kết quả thực hiện nhiệm vụ phát triển kinh tế - xã hội, "
            "thu ngân sách, giải ngân vốn đầu tư công và công tác phòng, chống thiên tai.",
            "Các cơ quan báo chí đăng ký tham dự và gửi câu hỏi trước qua hệ thống của Trung tâm Báo "
            "chí Thủ đô trước 16 giờ ngày làm việc liền trước buổi họp báo.",
        ),
        topics=("kinh-te-dau-tu",),
    ),
    Story(
        "vp-kinh-te-9-thang", "vanphong", PR, 55, 15.5,
        "Kinh tế Thủ đô 9 tháng duy trì đà tăng trưởng, thu ngân sách vượt dự toán",
        "Tổng sản phẩm trên địa bàn 9 tháng ước tăng khoảng 7,6% so với cùng kỳ; thu ngân sách đạt "
        "hơn 90% dự toán năm.",
        (
            "Theo báo cáo tại họp báo định kỳ, các ngành dịch vụ, du lịch và bán lẻ tiếp tục là động "
            "lực chính. Lượng khách du lịch đến Hà Nội tăng mạnh, trong đó khách quốc tế tăng gần 20%.",
            "Giải ngân vốn đầu tư công đạt khoảng 65% kế hoạch. UBND Thành phố yêu cầu các chủ đầu tư "
            "tập trung tháo gỡ vướng mắc giải phóng mặt bằng, phấn đấu giải ngân hết kế hoạch vốn năm.",
        ),
        topics=("kinh-te-dau-tu",),
    ),
    Story(
        "vp-cong-dien-mua-lon", "vanphong", EMERGENCY, 40, 6.5,
        "Công điện khẩn: chủ động ứng phó mưa lớn diện rộng, ngập úng và sạt lở",
        "Chủ tịch UBND Thành phố yêu cầu các sở, ngành, phường, xã triển khai ngay các biện pháp "
        "ứng phó với đợt mưa lớn diện rộng dự báo kéo dài đến hết ngày mai.",
        (
            "Lượng mưa phổ biến 100-200 mm, có nơi trên 250 mm; nguy cơ ngập úng tại khu vực nội đô, "
            "lũ quét và sạt lở đất tại vùng đồi núi phía Tây và phía Bắc Thành phố.",
            "Các phường, xã rà soát khu dân cư ven sông, vùng trũng; sẵn sàng sơ tán người dân khi "
            "cần thiết. Đơn vị thoát nước vận hành các trạm bơm, bố trí lực lượng trực tại các điểm "
            "thường xuyên ngập. Người dân hạn chế ra đường khi mưa lớn, không đi qua ngầm tràn, "
            "đoạn đường ngập sâu.",
            "Đường dây nóng của Ban Chỉ huy phòng thủ dân sự Thành phố trực 24/24 giờ.",
        ),
        topics=("thoi-tiet-thien-tai",),
        areas=("xa-soc-son", "phuong-ha-dong", "phuong-hoang-mai", "xa-dong-anh"),
        priority=Priority.FLASH,
        forced_reason="Công điện khẩn về thiên tai, cần phát ngay trong đêm.",
    ),
    Story(
        "vp-tra-loi-ngap", "vanphong", ANSWER, 38, 16,
        "Trả lời báo chí về tình trạng ngập úng sau mưa lớn tại khu vực nội đô",
        "Văn phòng UBND Thành phố trả lời câu hỏi của các cơ quan báo chí về nguyên nhân ngập úng "
        "kéo dài trên một số tuyến phố và giải pháp khắc phục.",
        (
            "Lượng mưa trong đợt vừa qua vượt năng lực tiêu thoát thiết kế của hệ thống thoát nước "
            "khu vực nội đô. Mực nước các sông tiêu thoát lên cao khiến thời gian tiêu thoát kéo dài.",
            "Thành phố đã giao Sở Xây dựng rà soát toàn bộ các điểm úng ngập, đề xuất bổ sung trạm bơm "
            "cục bộ, cải tạo cống và hồ điều hòa; các phương án sẽ được công bố công khai sau khi được "
            "phê duyệt.",
        ),
        topics=("thoi-tiet-thien-tai", "xay-dung-do-thi"),
        areas=("phuong-dong-da", "phuong-thanh-xuan", "phuong-cau-giay"),
    ),
    Story(
        "vp-thu-tuc-khong-dia-gioi", "vanphong", PR, 33, 10,
        "Người dân được nộp hồ sơ thủ tục hành chính tại bất kỳ phường, xã nào",
        "Từ tháng này, Hà Nội mở rộng danh mục thủ tục hành chính tiếp nhận không phụ thuộc địa "
        "giới hành chính lên hơn 400 thủ tục.",
        (
            "Người dân và doanh nghiệp có thể nộp hồ sơ tại Trung tâm Phục vụ hành chính công của bất "
            "kỳ phường, xã nào hoặc nộp trực tuyến; kết quả được trả tại nơi nộp hoặc qua bưu chính.",
            "Thành phố sẽ công khai mức độ hài lòng của người dân đối với từng điểm tiếp nhận hằng "
            "tháng trên Cổng thông tin điện tử.",
        ),
        topics=("cai-cach-hanh-chinh", "chuyen-doi-so"),
    ),
    Story(
        "vp-ke-hoach-tet", "vanphong", PR, 6, 14,
        "UBND Thành phố ban hành kế hoạch tổ chức các hoạt động đón Tết Nguyên đán",
        "Kế hoạch bảo đảm người dân đón Tết vui tươi, an toàn, tiết kiệm; không ai bị bỏ lại phía sau.",
        (
            "Các sở, ngành được giao chuẩn bị nguồn hàng hóa bình ổn giá, tăng cường vận tải công cộng "
            "trước và sau Tết, tổ chức các chương trình văn hóa, nghệ thuật tại không gian công cộng.",
            "Các phường, xã rà soát, thăm hỏi, tặng quà các gia đình chính sách, hộ nghèo, người có "
            "hoàn cảnh khó khăn; bảo đảm trật tự, an toàn giao thông và phòng, chống cháy nổ.",
        ),
        topics=("xa-hoi", "van-hoa-du-lich"),
    ),
    Story(
        "vp-chi-so-cai-cach", "vanphong", PR, 0, 0,
        "Hà Nội công bố chỉ số cải cách hành chính của các sở, ngành và phường, xã",
        "Lần đầu tiên, chỉ số cải cách hành chính được đánh giá cho toàn bộ 126 phường, xã sau khi "
        "vận hành chính quyền địa phương hai cấp.",
        (
            "Bộ chỉ số gồm 8 lĩnh vực, trong đó mức độ hài lòng của người dân chiếm tỷ trọng lớn nhất. "
            "Kết quả được dùng làm căn cứ đánh giá, xếp loại người đứng đầu các cơ quan, đơn vị.",
            "Bảng xếp hạng chi tiết được công bố tại hội nghị sơ kết công tác cải cách hành chính.",
        ),
        topics=("cai-cach-hanh-chinh",),
        embargo_hours=20,
    ),
    Story(
        "vp-hop-bao-cuoi-nam", "vanphong", NOTICE, 0, 0,
        "Thông báo họp báo cung cấp thông tin định kỳ cuối năm",
        "Trung tâm Báo chí Thủ đô tổ chức họp báo định kỳ cuối năm của UBND Thành phố.",
        (
            "Nội dung: kết quả thực hiện nhiệm vụ năm, chuẩn bị các hoạt động đón Tết và trả lời các "
            "câu hỏi báo chí quan tâm.",
            "Phóng viên đăng ký tham dự và gửi câu hỏi qua hệ thống của Trung tâm.",
        ),
        topics=("kinh-te-dau-tu", "xa-hoi"),
        scheduled_hours=18,
    ),
    # --- Sở Xây dựng --------------------------------------------------------------------------
    Story(
        "xd-phan-luong-cau", "xaydung", NOTICE, 52, 11,
        "Phân luồng giao thông phục vụ thi công cầu Trần Hưng Đạo",
        "Sở Xây dựng điều chỉnh tổ chức giao thông tại khu vực đầu cầu phía hữu ngạn để phục vụ thi "
        "công trụ cầu Trần Hưng Đạo.",
        (
            "Thời gian thực hiện: từ 22 giờ ngày thứ Bảy tuần này đến khi hoàn thành hạng mục. Các "
            "phương tiện từ phố Trần Hưng Đạo đi đường Trần Quang Khải được hướng dẫn đi theo phố Lý "
            "Thái Tổ và phố Hàng Tre.",
            "Đơn vị thi công bố trí biển báo, đèn tín hiệu và người hướng dẫn tại các nút giao. Đề nghị "
            "người tham gia giao thông chú ý quan sát và chấp hành hướng dẫn.",
        ),
        topics=("giao-thong", "xay-dung-do-thi"),
        areas=("phuong-hoan-kiem", "phuong-hai-ba-trung"),
    ),
    Story(
        "xd-xe-buyt-dien", "xaydung", PR, 45, 9.5,
        "Mở mới 5 tuyến xe buýt điện kết nối các khu đô thị phía Tây",
        "Từ đầu tuần tới, 5 tuyến xe buýt điện mới đi vào hoạt động, nâng tổng số tuyến buýt điện của "
        "Thành phố lên hơn 40 tuyến.",
        (
            "Các tuyến mới kết nối các khu đô thị tại phường Tây Mỗ, Xuân Phương, Hà Đông với nhà ga "
            "đường sắt đô thị và các trường đại học. Tần suất 10-15 phút/chuyến vào giờ cao điểm.",
            "Giá vé và chính sách miễn, giảm giá vé áp dụng như các tuyến buýt trợ giá hiện hành. "
            "Hành khách tra cứu lộ trình trên ứng dụng TimBus và nền tảng iHanoi.",
        ),
        topics=("giao-thong", "moi-truong"),
        areas=("phuong-ha-dong",),
    ),
    Story(
        "xd-kim-ma", "xaydung", NOTICE, 28, 10,
        "Tổ chức lại giao thông trên phố Kim Mã phục vụ thi công ga ngầm tuyến đường sắt đô thị",
        "Sở Xây dựng thông báo thu hẹp mặt đường phố Kim Mã để thi công nhà ga ngầm tuyến đường sắt "
        "đô thị Nhổn - ga Hà Nội.",
        (
            "Thời gian áp dụng từ 20 giờ tối thứ Sáu tuần này. Rào chắn chiếm dụng hai làn giữa phố "
            "Kim Mã đoạn từ nút giao Kim Mã - Núi Trúc đến nút giao Kim Mã - Liễu Giai; mỗi chiều còn "
            "hai làn cho phương tiện lưu thông.",
            "Xe buýt các tuyến đi qua khu vực được điều chỉnh điểm dừng; thông tin chi tiết được niêm "
            "yết tại các điểm dừng và cập nhật trên ứng dụng TimBus.",
        ),
        topics=("giao-thong", "xay-dung-do-thi"),
        areas=("phuong-giang-vo", "phuong-ngoc-ha"),
    ),
    Story(
        "xd-kim-ma-dinh-chinh", "xaydung", CORRECTION, 27, 8.5,
        "Đính chính thời gian tổ chức lại giao thông trên phố Kim Mã",
        "Thông báo về việc thu hẹp mặt đường phố Kim Mã ghi sai thời gian bắt đầu áp dụng.",
        (
            "Thời gian bắt đầu áp dụng phương án tổ chức giao thông mới trên phố Kim Mã là 22 giờ tối "
            "thứ Sáu tuần này, không phải 20 giờ như thông báo trước đó. Các nội dung khác giữ nguyên.",
            "Sở Xây dựng xin lỗi bạn đọc và các cơ quan báo chí vì sai sót này.",
        ),
        topics=("giao-thong",),
        areas=("phuong-giang-vo", "phuong-ngoc-ha"),
        corrects="xd-kim-ma",
    ),
    Story(
        "xd-vanh-dai-4", "xaydung", PR, 20, 15,
        "Đường Vành đai 4 - Vùng Thủ đô đẩy nhanh tiến độ trong mùa khô",
        "Các nhà thầu huy động thêm nhân lực, máy móc, thi công ba ca trên các đoạn tuyến qua Hà Nội.",
        (
            "Đến nay, dự án thành phần đường song hành đoạn qua Hà Nội đã hoàn thành phần lớn khối "
            "lượng nền đường; nhiều cầu vượt sông, kênh đã hợp long.",
            "Sở Xây dựng yêu cầu các nhà thầu bảo đảm an toàn lao động, vệ sinh môi trường, tưới nước "
            "giảm bụi trên các tuyến đường vận chuyển vật liệu đi qua khu dân cư.",
        ),
        topics=("giao-thong", "xay-dung-do-thi", "kinh-te-dau-tu"),
        areas=("xa-dong-anh", "xa-soc-son"),
    ),
    Story(
        "xd-chung-cu-cu", "xaydung", ANSWER, 16, 14,
        "Trả lời báo chí về kế hoạch cải tạo các khu chung cư cũ",
        "Sở Xây dựng trả lời câu hỏi về tiến độ cải tạo, xây dựng lại các khu tập thể cũ Kim Liên, "
        "Giảng Võ.",
        (
            "Quy hoạch chi tiết hai khu tập thể đã được phê duyệt; chủ đầu tư đang hoàn thiện phương án "
            "bồi thường, tái định cư để lấy ý kiến người dân.",
            "Nguyên tắc xuyên suốt là người dân được tái định cư tại chỗ, diện tích căn hộ mới không "
            "nhỏ hơn diện tích cũ, có phương án tạm cư bảo đảm ổn định cuộc sống trong thời gian xây "
            "dựng.",
        ),
        topics=("xay-dung-do-thi",),
        areas=("phuong-kim-lien", "phuong-giang-vo"),
    ),
    Story(
        "xd-buyt-ho-guom", "xaydung", NOTICE, 12, 16,
        "Điều chỉnh lộ trình các tuyến xe buýt qua khu vực hồ Hoàn Kiếm vào tối cuối tuần",
        "Các tuyến xe buýt đi qua không gian đi bộ hồ Hoàn Kiếm điều chỉnh lộ trình từ 18 giờ tối thứ "
        "Sáu đến 24 giờ Chủ nhật hằng tuần.",
        (
            "Các tuyến 08, 31, 36 và 49 đi theo phố Trần Hưng Đạo, Phan Chu Trinh thay cho đoạn qua "
            "phố Đinh Tiên Hoàng.",
        ),
        topics=("giao-thong",),
        areas=("phuong-hoan-kiem",),
        revision=Revision(
            26,
            "Bổ sung tuyến 09 và điểm dừng tạm trên phố Lý Thái Tổ.",
            body=(
                "Các tuyến 08, 09, 31, 36 và 49 đi theo phố Trần Hưng Đạo, Phan Chu Trinh thay cho "
                "đoạn qua phố Đinh Tiên Hoàng.",
                "Điểm dừng tạm được bố trí trên phố Lý Thái Tổ, trước số nhà 12, để hành khách tiếp "
                "cận khu vực hồ Hoàn Kiếm.",
            ),
        ),
    ),
    Story(
        "xd-trat-tu-xay-dung", "xaydung", STATEMENT, 8, 11,
        "Phát ngôn về việc xử lý vi phạm trật tự xây dựng tại công trình nhà ở riêng lẻ",
        "Sở Xây dựng đã chỉ đạo kiểm tra, lập biên bản và đình chỉ thi công công trình xây vượt số "
        "tầng được cấp phép mà báo chí phản ánh.",
        (
            "Chủ đầu tư phải tự tháo dỡ phần vi phạm trong thời hạn quy định; quá thời hạn, chính quyền "
            "phường sẽ tổ chức cưỡng chế. Trách nhiệm của cán bộ quản lý địa bàn đang được làm rõ.",
            "Sở Xây dựng cảm ơn các cơ quan báo chí và người dân đã phản ánh kịp thời.",
        ),
        topics=("xay-dung-do-thi", "an-ninh-trat-tu"),
        areas=("phuong-o-cho-dua",),
    ),
    # --- Sở Y tế ------------------------------------------------------------------------------
    Story(
        "yt-sot-xuat-huyet", "yte", PR, 58, 10,
        "Sốt xuất huyết gia tăng, Hà Nội ra quân diệt bọ gậy tại các phường, xã",
        "Số ca mắc sốt xuất huyết trong tuần qua tăng khoảng 30% so với tuần trước; ngành y tế phát "
        "động chiến dịch vệ sinh môi trường, diệt bọ gậy trên toàn Thành phố.",
        (
            "Các ổ dịch tập trung tại các khu dân cư đông đúc, nhiều công trình xây dựng. Trung tâm "
            "Kiểm soát bệnh tật Thành phố đã phun hóa chất diệt muỗi tại các ổ dịch mới phát hiện.",
            "Người dân cần loại bỏ các dụng cụ chứa nước đọng, ngủ màn kể cả ban ngày và đến ngay cơ sở "
            "y tế khi sốt cao liên tục, không tự ý dùng thuốc hạ sốt nhóm aspirin.",
        ),
        topics=("y-te",),
        areas=("phuong-hoang-mai", "phuong-dong-da", "phuong-thanh-xuan"),
        attachments=("dengue-poster",),
    ),
    Story(
        "yt-sot-xuat-huyet-en", "yte", PR, 58, 13,
        "Dengue cases rise; Hanoi launches larva-killing campaign in wards and communes",
        "Dengue cases rose by about 30% last week; the health sector has launched a city-wide "
        "clean-up and larva-killing campaign.",
        (
            "Outbreaks are concentrated in crowded residential areas and around construction sites. "
            "The city's Centre for Disease Control has sprayed insecticide at newly detected clusters.",
            "Residents should remove standing water, sleep under mosquito nets even during the day, and "
            "see a doctor at once in case of persistent high fever, without taking aspirin.",
        ),
        topics=("y-te",),
        areas=("phuong-hoang-mai", "phuong-dong-da", "phuong-thanh-xuan"),
        language=Language.EN,
        translation_of="yt-sot-xuat-huyet",
    ),
    Story(
        "yt-tiem-soi", "yte", NOTICE, 47, 9,
        "Triển khai tiêm bổ sung vắc xin sởi cho trẻ từ 1 đến 5 tuổi",
        "Trẻ chưa tiêm đủ hai mũi vắc xin sởi được tiêm miễn phí tại trạm y tế phường, xã nơi cư trú.",
        (
            "Chiến dịch kéo dài trong ba tuần. Cha mẹ mang theo sổ tiêm chủng hoặc tra cứu lịch sử "
            "tiêm trên ứng dụng định danh điện tử trước khi đưa trẻ đi tiêm.",
            "Sau tiêm, trẻ được theo dõi 30 phút tại điểm tiêm và tiếp tục theo dõi tại nhà trong 24 giờ.",
        ),
        topics=("y-te",),
    ),
    Story(
        "yt-qua-tai", "yte", ANSWER, 30, 15,
        "Trả lời báo chí về tình trạng quá tải tại một số bệnh viện tuyến Thành phố",
        "Sở Y tế trả lời câu hỏi về thời gian chờ khám kéo dài tại một số bệnh viện đa khoa.",
        (
            "Lượng người bệnh tăng cao vào mùa chuyển lạnh, nhất là bệnh hô hấp ở trẻ em và người cao "
            "tuổi. Các bệnh viện đã mở thêm bàn khám, khám cả ngày thứ Bảy và đăng ký khám trực tuyến.",
            "Sở Y tế khuyến khích người dân khám ban đầu tại trạm y tế phường, xã; các trạm y tế đã "
            "được bổ sung bác sĩ và thuốc điều trị các bệnh thông thường.",
        ),
        topics=("y-te",),
    ),
    Story(
        "yt-kham-nguoi-cao-tuoi", "yte", NOTICE, 24, 10,
        "Lịch khám sức khỏe miễn phí cho người cao tuổi tại phường Bạch Mai",
        "Người từ 60 tuổi trở lên được khám, tư vấn sức khỏe miễn phí vào sáng Chủ nhật.",
        ("Địa điểm: Nhà văn hóa tổ dân phố số 5. Người dân mang theo căn cước khi đến khám.",),
        topics=("y-te", "xa-hoi"),
        areas=("phuong-bach-mai",),
        withdrawal_reason="Thông báo ghi nhầm địa điểm khám; lịch và địa điểm đúng đã được công bố "
        "trong thông báo mới của Sở Y tế.",
    ),
    Story(
        "yt-kham-nguoi-cao-tuoi-moi", "yte", NOTICE, 23, 14,
        "Lịch khám sức khỏe miễn phí cho người cao tuổi tại phường Bạch Mai (thay thế thông báo trước)",
        "Người từ 60 tuổi trở lên được khám, tư vấn sức khỏe miễn phí vào sáng Chủ nhật tại trạm y tế "
        "phường Bạch Mai.",
        (
            "Thời gian: 7 giờ 30 đến 11 giờ. Các chuyên khoa: tim mạch, nội tiết, mắt, răng hàm mặt.",
            "Người dân mang theo căn cước và đơn thuốc đang dùng (nếu có).",
        ),
        topics=("y-te", "xa-hoi"),
        areas=("phuong-bach-mai",),
    ),
    Story(
        "yt-bac-tin-dich-la", "yte", STATEMENT, 14, 17,
        "Sở Y tế bác bỏ thông tin về “dịch lạ” tại một trường tiểu học",
        "Thông tin lan truyền trên mạng xã hội về “dịch lạ” khiến nhiều học sinh phải nhập viện là "
        "không đúng sự thật.",
        (
            "Kết quả điều tra dịch tễ cho thấy 6 học sinh có biểu hiện sốt, ho do cúm mùa; các em đã "
            "được điều trị ngoại trú và sức khỏe ổn định. Nhà trường đã khử khuẩn lớp học.",
            "Sở Y tế đề nghị người dân theo dõi thông tin từ nguồn chính thức, không chia sẻ thông tin "
            "chưa được kiểm chứng gây hoang mang dư luận.",
        ),
        topics=("y-te", "giao-duc"),
        areas=("phuong-yen-hoa",),
    ),
    Story(
        "yt-an-toan-thuc-pham", "yte", PR, 9, 9,
        "Tăng cường kiểm tra an toàn thực phẩm dịp cuối năm và Tết Nguyên đán",
        "Các đoàn kiểm tra liên ngành tập trung vào cơ sở sản xuất bánh kẹo, giò chả, rượu và bếp ăn "
        "tập thể.",
        (
            "Đợt kiểm tra kéo dài đến hết tháng Giêng âm lịch. Cơ sở vi phạm sẽ bị xử lý nghiêm và công "
            "khai trên các phương tiện thông tin đại chúng.",
            "Người tiêu dùng nên chọn mua thực phẩm có nguồn gốc rõ ràng và phản ánh dấu hiệu mất an "
            "toàn thực phẩm qua nền tảng iHanoi.",
        ),
        topics=("y-te", "xa-hoi"),
    ),
    Story(
        "yt-khong-khi", "yte", PR, 4, 8,
        "Khuyến cáo bảo vệ sức khỏe khi chất lượng không khí ở mức kém",
        "Sở Y tế khuyến cáo người dân, nhất là trẻ nhỏ, người cao tuổi và người có bệnh hô hấp, hạn chế "
        "hoạt động ngoài trời vào sáng sớm và tối muộn.",
        (
            "Khi ra đường, nên đeo khẩu trang đạt chuẩn, đóng cửa sổ vào giờ cao điểm ô nhiễm và theo "
            "dõi chỉ số chất lượng không khí trên ứng dụng của Thành phố.",
            "Người có biểu hiện khó thở, ho kéo dài cần đến cơ sở y tế để được khám và tư vấn.",
        ),
        topics=("y-te", "moi-truong"),
    ),
    # --- Sở Giáo dục và Đào tạo -------------------------------------------------------------
    Story(
        "gd-tuyen-sinh-lop-10", "giaoduc", NOTICE, 50, 10,
        "Hà Nội công bố phương án thi tuyển sinh vào lớp 10 năm học tới",
        "Kỳ thi tuyển sinh vào lớp 10 trung học phổ thông công lập tiếp tục gồm ba bài thi: Ngữ văn, "
        "Toán và bài thi thứ ba được công bố trước ngày 31 tháng 3.",
        (
            "Công bố sớm phương án giúp học sinh lớp 9 và cha mẹ học sinh chủ động ôn tập. Chỉ tiêu "
            "tuyển sinh của từng trường sẽ được công bố cùng kế hoạch tuyển sinh chi tiết.",
            "Toàn văn phương án được đính kèm thông báo này.",
        ),
        topics=("giao-duc",),
        attachments=("enrolment-plan",),
    ),
    Story(
        "gd-tuyen-sinh-lop-10-en", "giaoduc", NOTICE, 50, 15,
        "Hanoi announces the format of next year's grade 10 entrance exam",
        "The entrance exam for public upper secondary schools will again consist of three papers: "
        "Vietnamese literature, mathematics and a third subject announced before 31 March.",
        (
            "Announcing the format early lets grade 9 students and their parents prepare. Each school's "
            "quota will be published with the detailed enrolment plan.",
        ),
        topics=("giao-duc",),
        language=Language.EN,
        translation_of="gd-tuyen-sinh-lop-10",
    ),
    Story(
        "gd-nghi-hoc-mua-lon", "giaoduc", EMERGENCY, 40, 18,
        "Học sinh toàn Thành phố nghỉ học ngày mai để bảo đảm an toàn trong mưa lớn",
        "Sở Giáo dục và Đào tạo cho học sinh mầm non, tiểu học, trung học cơ sở và trung học phổ "
        "thông nghỉ học ngày mai.",
        (
            "Các trường chủ động điều chỉnh kế hoạch dạy học, không tổ chức dạy bù vào ngày Chủ nhật. "
            "Trường có điểm trường bị ngập phải báo cáo ngay về phường, xã và Sở.",
            "Cha mẹ học sinh không cho trẻ chơi gần ao, hồ, cống rãnh và khu vực nước ngập.",
        ),
        topics=("giao-duc", "thoi-tiet-thien-tai"),
        priority=Priority.URGENT,
    ),
    Story(
        "gd-bua-an-ban-tru", "giaoduc", PR, 35, 9,
        "Siết chặt quản lý bữa ăn bán trú tại các trường học",
        "Các trường phải công khai thực đơn, nguồn gốc thực phẩm và mời cha mẹ học sinh giám sát bữa ăn.",
        (
            "Hiệu trưởng chịu trách nhiệm trực tiếp về an toàn thực phẩm trong trường. Hợp đồng với nhà "
            "cung cấp suất ăn phải có cam kết về chất lượng và điều khoản chấm dứt khi vi phạm.",
            "Sở Giáo dục và Đào tạo phối hợp với Sở Y tế kiểm tra đột xuất bếp ăn các trường trong học kỳ I.",
        ),
        topics=("giao-duc", "y-te"),
    ),
    Story(
        "gd-thu-chi-dau-nam", "giaoduc", ANSWER, 19, 10,
        "Trả lời báo chí về các khoản thu đầu năm học và việc dạy thêm, học thêm",
        "Sở Giáo dục và Đào tạo trả lời phản ánh của báo chí về các khoản thu ngoài quy định tại một "
        "số trường.",
        (
            "Các trường chỉ được thu các khoản đã được quy định hoặc thỏa thuận theo hướng dẫn; mọi khoản "
            "thu phải công khai. Sở đã yêu cầu các trường có phản ánh hoàn trả các khoản thu sai quy định.",
            "Giáo viên không được dạy thêm có thu tiền đối với học sinh mình đang dạy chính khóa.",
        ),
        topics=("giao-duc",),
    ),
    Story(
        "gd-hoc-ba-so", "giaoduc", PR, 11, 14,
        "Triển khai học bạ số với học sinh tiểu học toàn Thành phố",
        "Từ học kỳ này, học bạ của học sinh tiểu học được lập, ký số và lưu trữ trên môi trường điện tử.",
        (
            "Cha mẹ học sinh tra cứu học bạ qua ứng dụng liên lạc điện tử của nhà trường; học bạ số có "
            "giá trị pháp lý như học bạ giấy khi chuyển trường.",
            "Việc triển khai sẽ mở rộng đến cấp trung học cơ sở và trung học phổ thông trong năm học tới.",
        ),
        topics=("giao-duc", "chuyen-doi-so"),
    ),
    # --- Sở Nông nghiệp và Môi trường -------------------------------------------------------
    Story(
        "mt-de-dieu", "moitruong", PR, 59, 15,
        "Kiểm tra hệ thống đê điều, sẵn sàng phương án phòng, chống lũ",
        "Đoàn kiểm tra của Thành phố đã kiểm tra các trọng điểm xung yếu trên tuyến đê hữu Hồng và đê "
        "tả Hồng.",
        (
            "Các phường, xã có đê phải duy trì lực lượng tuần tra, canh gác khi mực nước sông lên cao; "
            "vật tư dự trữ được tập kết đủ tại các điểm xung yếu.",
            "Các vi phạm pháp luật về đê điều được yêu cầu xử lý dứt điểm trước mùa lũ năm sau.",
        ),
        topics=("thoi-tiet-thien-tai", "moi-truong"),
        areas=("phuong-hong-ha", "xa-dong-anh", "phuong-linh-nam"),
    ),
    Story(
        "mt-phan-loai-rac", "moitruong", PR, 36, 9,
        "Thí điểm phân loại rác thải sinh hoạt tại nguồn ở các phường trung tâm",
        "Từ tháng tới, hộ gia đình tại các phường Hoàn Kiếm, Cửa Nam và Ba Đình phân loại rác thành "
        "ba nhóm trước khi chuyển giao.",
        (
            "Ba nhóm gồm: chất thải rắn có khả năng tái chế, chất thải thực phẩm và chất thải rắn sinh "
            "hoạt khác. Đơn vị thu gom bố trí lịch thu riêng cho từng nhóm.",
            "Kết quả thí điểm sẽ được đánh giá sau sáu tháng để nhân rộng ra toàn Thành phố.",
        ),
        topics=("moi-truong",),
        areas=("phuong-hoan-kiem", "phuong-cua-nam", "phuong-ba-dinh"),
    ),
    Story(
        "mt-to-lich", "moitruong", PR, 26, 10,
        "Bổ cập nước cho sông Tô Lịch, cải thiện chất lượng nước các hồ nội đô",
        "Nước sau xử lý được bổ cập liên tục cho sông Tô Lịch; chất lượng nước một số đoạn sông đã cải "
        "thiện rõ rệt.",
        (
            "Đơn vị quản lý tiếp tục nạo vét bùn, thu gom nước thải từ các cửa xả dọc sông về nhà máy "
            "xử lý. Các hồ Hoàn Kiếm, Thiền Quang và Thành Công được theo dõi chất lượng nước hằng tuần.",
            "Kết quả quan trắc được công bố công khai trên Cổng thông tin điện tử của Sở.",
        ),
        topics=("moi-truong",),
        areas=("phuong-cau-giay", "phuong-lang", "phuong-thanh-xuan"),
    ),
    Story(
        "mt-dot-rom-ra", "moitruong", ANSWER, 15, 16,
        "Trả lời báo chí về tình trạng đốt rơm rạ, rác thải ở ngoại thành",
        "Sở Nông nghiệp và Môi trường trả lời câu hỏi về khói từ đốt rơm rạ sau thu hoạch ảnh hưởng "
        "đến chất lượng không khí.",
        (
            "Sở đã hướng dẫn các xã hỗ trợ chế phẩm vi sinh để xử lý rơm rạ tại ruộng, thu gom rơm làm "
            "thức ăn chăn nuôi và nấm. Các xã thành lập tổ kiểm tra, xử lý trường hợp đốt ngoài trời.",
            "Người dân phản ánh điểm đốt rác, rơm rạ qua nền tảng iHanoi để được xử lý kịp thời.",
        ),
        topics=("moi-truong",),
        areas=("xa-soc-son", "xa-gia-lam"),
    ),
    Story(
        "mt-khong-khi-canh-bao", "moitruong", NOTICE, 5, 17,
        "Cảnh báo chất lượng không khí suy giảm trong những ngày tới",
        "Do ảnh hưởng của không khí lạnh và hiện tượng nghịch nhiệt, chỉ số chất lượng không khí tại "
        "nhiều trạm quan trắc dự báo ở mức kém đến xấu.",
        (
            "Nồng độ bụi mịn PM2,5 thường cao nhất vào sáng sớm và tối muộn. Các công trình xây dựng "
            "phải che chắn, tưới nước giảm bụi; xe chở vật liệu phải phủ bạt kín.",
            "Biểu đồ chỉ số chất lượng không khí trung bình của tuần qua được đính kèm.",
        ),
        topics=("moi-truong", "thoi-tiet-thien-tai"),
        priority=Priority.URGENT,
        attachments=("aqi-chart",),
    ),
    Story(
        "mt-khong-khi-canh-bao-en", "moitruong", NOTICE, 5, 19,
        "Air quality expected to worsen in the coming days",
        "Because of cold air and temperature inversion, the air quality index at many monitoring "
        "stations is forecast to be poor to very poor.",
        (
            "Fine dust (PM2.5) is usually highest early in the morning and late in the evening. "
            "Construction sites must cover materials and spray water to keep dust down.",
        ),
        topics=("moi-truong", "thoi-tiet-thien-tai"),
        priority=Priority.URGENT,
        language=Language.EN,
        translation_of="mt-khong-khi-canh-bao",
    ),
    # --- Sở Khoa học và Công nghệ -----------------------------------------------------------
    Story(
        "kh-ihanoi", "khcn", PR, 48, 10,
        "Nền tảng iHanoi bổ sung tính năng phản ánh hiện trường bằng hình ảnh và vị trí",
        "Người dân chụp ảnh, gắn vị trí và gửi phản ánh; hệ thống tự chuyển đến phường, xã hoặc sở, "
        "ngành có thẩm quyền.",
        (
            "Mỗi phản ánh có mã theo dõi và thời hạn xử lý; người gửi nhận thông báo khi cơ quan tiếp "
            "nhận và khi có kết quả.",
            "Tỷ lệ phản ánh được xử lý đúng hạn của từng đơn vị được công khai trên nền tảng.",
        ),
        topics=("chuyen-doi-so", "cai-cach-hanh-chinh"),
    ),
    Story(
        "kh-ihanoi-en", "khcn", PR, 48, 16,
        "iHanoi adds on-the-spot reports with photos and location",
        "Residents can take a photo, tag the location and send a report, which is routed to the "
        "competent ward, commune or department.",
        (
            "Each report gets a tracking code and a deadline; the sender is notified when it is received "
            "and when it is resolved. Each agency's on-time rate is published on the platform.",
        ),
        topics=("chuyen-doi-so", "cai-cach-hanh-chinh"),
        language=Language.EN,
        translation_of="kh-ihanoi",
    ),
    Story(
        "kh-wifi", "khcn", NOTICE, 31, 9,
        "Mở rộng mạng wifi công cộng miễn phí tại các điểm du lịch và nhà ga",
        "Thêm 200 điểm phát wifi miễn phí tại khu vực phố cổ, hồ Tây và các nhà ga đường sắt đô thị.",
        (
            "Người dùng kết nối mạng “Hanoi Free Wifi”, mỗi phiên truy cập tối đa 30 phút và có thể kết "
            "nối lại. Hệ thống có lớp bảo vệ chặn các trang web độc hại.",
        ),
        topics=("chuyen-doi-so", "van-hoa-du-lich"),
        areas=("phuong-hoan-kiem", "phuong-tay-ho"),
    ),
    Story(
        "kh-5g", "khcn", PR, 18, 10,
        "Phủ sóng 5G toàn bộ khu vực nội đô và các khu công nghiệp",
        "Các doanh nghiệp viễn thông đã hoàn thành lắp đặt trạm 5G tại khu vực nội đô và các khu công "
        "nghiệp, khu công nghệ cao.",
        (
            "Hạ tầng 5G là nền tảng cho giao thông thông minh, camera giám sát và các dịch vụ công trực "
            "tuyến. Thành phố tiếp tục hỗ trợ thủ tục lắp đặt trạm tại các xã ngoại thành.",
        ),
        topics=("chuyen-doi-so", "kinh-te-dau-tu"),
    ),
    Story(
        "kh-dinh-danh", "khcn", PR, 7, 10,
        "Nộp hồ sơ trực tuyến toàn trình bằng tài khoản định danh điện tử",
        "Người dân đăng nhập Cổng dịch vụ công bằng tài khoản định danh điện tử mức 2, không phải khai "
        "lại thông tin đã có trong cơ sở dữ liệu quốc gia.",
        (
            "Thông tin cá nhân, cư trú được tự động điền vào tờ khai. Giấy tờ đã số hóa được dùng lại "
            "cho các lần nộp sau mà không phải tải lên lần nữa.",
        ),
        topics=("chuyen-doi-so", "cai-cach-hanh-chinh"),
    ),
    # --- Sở Văn hóa và Thể thao -------------------------------------------------------------
    Story(
        "vh-le-hoi-mua-thu", "vanhoa", PR, 54, 19,
        "Khai mạc Lễ hội Mùa thu Hà Nội tại khu vực hồ Hoàn Kiếm",
        "Chuỗi hoạt động văn hóa, nghệ thuật, ẩm thực diễn ra trong ba ngày tại không gian đi bộ hồ "
        "Hoàn Kiếm và phụ cận.",
        (
            "Lễ hội có các chương trình nghệ thuật đường phố, triển lãm ảnh Hà Nội xưa và nay, không "
            "gian trình diễn nghề thủ công truyền thống và ẩm thực mùa thu.",
            "Ban tổ chức bố trí điểm trông giữ xe đúng giá quy định và khuyến khích người dân sử dụng "
            "xe buýt, đường sắt đô thị.",
        ),
        topics=("van-hoa-du-lich",),
        areas=("phuong-hoan-kiem",),
        attachments=("festival-photo",),
    ),
    Story(
        "vh-le-hoi-mua-thu-en", "vanhoa", PR, 54, 21,
        "Hanoi Autumn Festival opens around Hoan Kiem Lake",
        "Three days of culture, arts and food in the Hoan Kiem Lake pedestrian area.",
        (
            "The festival features street performances, a photo exhibition of Hanoi past and present, "
            "traditional crafts and autumn food. Visitors are encouraged to come by bus or metro.",
        ),
        topics=("van-hoa-du-lich",),
        areas=("phuong-hoan-kiem",),
        language=Language.EN,
        translation_of="vh-le-hoi-mua-thu",
    ),
    Story(
        "vh-giai-chay-ho-tay", "vanhoa", NOTICE, 43, 10,
        "Thông báo tổ chức Giải chạy vì cộng đồng quanh hồ Tây",
        "Giải chạy có các cự ly 5 km, 10 km và 21 km; toàn bộ tiền đăng ký được dùng để hỗ trợ học sinh "
        "có hoàn cảnh khó khăn.",
        (
            "Vận động viên nhận số đeo tại Cung Văn hóa thể thao Thanh niên hai ngày trước giải. Các "
            "tuyến phố quanh hồ Tây tạm cấm phương tiện từ 5 giờ đến 10 giờ sáng ngày thi đấu.",
        ),
        topics=("the-thao",),
        areas=("phuong-tay-ho", "phuong-phu-thuong"),
    ),
    Story(
        "vh-nha-thi-dau", "vanhoa", PR, 21, 10,
        "Đưa vào sử dụng nhà thi đấu đa năng phục vụ người dân phía Đông Thành phố",
        "Nhà thi đấu có sức chứa 2.000 chỗ ngồi, phục vụ thi đấu và tập luyện các môn bóng rổ, bóng "
        "chuyền, cầu lông.",
        (
            "Công trình mở cửa miễn phí cho học sinh vào các buổi chiều trong tuần và cho người cao tuổi "
            "vào buổi sáng. Lịch sử dụng được công bố trên trang thông tin của Sở.",
        ),
        topics=("the-thao",),
        areas=("phuong-long-bien", "phuong-bo-de"),
    ),
    Story(
        "vh-ngay-di-san", "vanhoa", PR, 5, 10,
        "Miễn phí tham quan di tích, bảo tàng nhân Ngày Di sản văn hóa Việt Nam",
        "Văn Miếu - Quốc Tử Giám, Hoàng thành Thăng Long và các bảo tàng do Thành phố quản lý mở cửa "
        "miễn phí cho khách tham quan.",
        (
            "Các di tích tổ chức hoạt động trải nghiệm cho học sinh: viết thư pháp, in tranh dân gian, "
            "tìm hiểu lịch sử khoa cử. Khách tham quan giữ gìn vệ sinh và tuân thủ nội quy di tích.",
        ),
        topics=("van-hoa-du-lich",),
        areas=("phuong-van-mieu-quoc-tu-giam", "phuong-ba-dinh"),
    ),
    Story(
        "vh-phao-hoa", "vanhoa", STATEMENT, 2, 16,
        "Phát ngôn về kế hoạch bắn pháo hoa đón năm mới",
        "Thông tin lan truyền trên mạng xã hội về danh sách “30 điểm bắn pháo hoa” là chưa chính xác.",
        (
            "Thành phố chưa phê duyệt kế hoạch bắn pháo hoa đón năm mới. Số điểm, địa điểm và thời gian "
            "bắn pháo hoa sẽ được công bố chính thức qua Trung tâm Báo chí Thủ đô.",
            "Đề nghị người dân không chia sẻ thông tin chưa được kiểm chứng.",
        ),
        topics=("van-hoa-du-lich",),
    ),
    # --- Sở Nội vụ ----------------------------------------------------------------------------
    Story(
        "nv-viec-lam", "noivu", PR, 44, 10,
        "Phiên giao dịch việc làm trực tuyến kết nối hơn 3.000 chỗ làm việc",
        "Gần 100 doanh nghiệp tham gia tuyển dụng, tập trung vào các ngành điện tử, logistics, du lịch "
        "và công nghệ thông tin.",
        (
            "Người lao động phỏng vấn trực tuyến với doanh nghiệp; người chưa có việc làm được tư vấn học "
            "nghề miễn phí và hướng dẫn thủ tục hưởng trợ cấp thất nghiệp.",
        ),
        topics=("lao-dong-viec-lam",),
    ),
    Story(
        "nv-chinh-quyen-hai-cap", "noivu", PR, 25, 9,
        "Đánh giá hơn một năm vận hành mô hình chính quyền địa phương hai cấp",
        "Bộ máy 126 phường, xã vận hành thông suốt; thời gian giải quyết thủ tục hành chính được rút "
        "ngắn so với trước khi sắp xếp.",
        (
            "Sở Nội vụ đề xuất tiếp tục bồi dưỡng cán bộ, công chức cấp xã về chuyên môn đất đai, xây "
            "dựng, tư pháp; điều động công chức từ các sở về hỗ trợ các phường, xã có khối lượng công việc "
            "lớn.",
            "Kết quả đánh giá được báo cáo UBND Thành phố trước khi trình HĐND Thành phố.",
        ),
        topics=("cai-cach-hanh-chinh",),
    ),
    Story(
        "nv-tro-cap-that-nghiep", "noivu", ANSWER, 10, 15,
        "Trả lời báo chí về việc chậm chi trả trợ cấp thất nghiệp",
        "Sở Nội vụ trả lời phản ánh của một số người lao động về việc chậm nhận trợ cấp thất nghiệp.",
        (
            "Nguyên nhân là việc chuyển đổi hệ thống phần mềm quản lý; các hồ sơ chậm đã được xử lý xong "
            "trong tuần này. Người lao động tra cứu tình trạng hồ sơ trên Cổng dịch vụ công.",
        ),
        topics=("lao-dong-viec-lam", "xa-hoi"),
    ),
    Story(
        "nv-qua-tet", "noivu", PR, 3, 10,
        "Tặng quà Tết cho người có công, hộ nghèo và người có hoàn cảnh khó khăn",
        "Thành phố dành nguồn kinh phí để tặng quà Tết Nguyên đán cho hơn 400.000 lượt người.",
        (
            "Quà được trao tận tay trước Tết ít nhất 10 ngày. Các phường, xã rà soát, không để sót đối "
            "tượng và công khai danh sách tại trụ sở và nhà văn hóa tổ dân phố.",
        ),
        topics=("xa-hoi",),
    ),
    # --- Công an thành phố Hà Nội ------------------------------------------------------------
    Story(
        "ca-gia-danh", "congan", STATEMENT, 49, 9,
        "Cảnh báo thủ đoạn giả danh cơ quan nhà nước gọi điện yêu cầu “cập nhật dữ liệu”",
        "Công an Thành phố cảnh báo đối tượng giả danh công an, cán bộ phường gọi điện yêu cầu cài đặt "
        "ứng dụng lạ để “cập nhật định danh điện tử”.",
        (
            "Cơ quan công an không làm việc qua điện thoại, không yêu cầu người dân cài ứng dụng ngoài kho "
            "ứng dụng chính thức hay cung cấp mã OTP.",
            "Khi nhận cuộc gọi nghi vấn, người dân liên hệ ngay công an phường, xã nơi cư trú hoặc gọi số "
            "113.",
        ),
        topics=("an-ninh-trat-tu", "chuyen-doi-so"),
    ),
    Story(
        "ca-gia-danh-en", "congan", STATEMENT, 49, 14,
        "Police warn of callers posing as officials asking residents to “update their data”",
        "Hanoi police warn of scammers posing as police or ward officials who ask residents to install "
        "unknown apps to “update their electronic ID”.",
        (
            "The police never work by phone, never ask residents to install apps from outside the official "
            "app stores and never ask for one-time codes. Report suspicious calls to the local police or "
            "call 113.",
        ),
        topics=("an-ninh-trat-tu", "chuyen-doi-so"),
        language=Language.EN,
        translation_of="ca-gia-danh",
    ),
    Story(
        "ca-pccc", "congan", PR, 37, 10,
        "Tăng cường phòng cháy, chữa cháy tại nhà ở kết hợp kinh doanh mùa hanh khô",
        "Lực lượng cảnh sát phòng cháy, chữa cháy kiểm tra, hướng dẫn các hộ gia đình lắp lối thoát "
        "nạn thứ hai và thiết bị báo cháy.",
        (
            "Các hộ kinh doanh không để xe, hàng hóa dễ cháy chắn lối thoát nạn; không sạc xe điện qua đêm "
            "trong nhà. Mỗi hộ nên trang bị bình chữa cháy và mặt nạ lọc độc.",
        ),
        topics=("an-ninh-trat-tu",),
    ),
    Story(
        "ca-camera", "congan", PR, 22, 15,
        "Vận hành hệ thống camera xử lý vi phạm giao thông tại 100 nút giao",
        "Hình ảnh vi phạm được ghi nhận tự động; thông báo vi phạm gửi đến chủ phương tiện qua ứng dụng "
        "định danh điện tử và bưu chính.",
        (
            "Các lỗi được ghi nhận gồm vượt đèn đỏ, đi sai làn, đi ngược chiều và dừng đỗ sai quy định. "
            "Người dân tra cứu vi phạm của phương tiện trên trang thông tin của Công an Thành phố.",
        ),
        topics=("giao-thong", "an-ninh-trat-tu", "chuyen-doi-so"),
    ),
    Story(
        "ca-phao-no", "congan", STATEMENT, 13, 10,
        "Nghiêm cấm sản xuất, mua bán, tàng trữ và sử dụng pháo nổ trái phép",
        "Công an Thành phố mở đợt cao điểm đấu tranh với tội phạm về pháo nổ trước Tết Nguyên đán.",
        (
            "Việc rao bán pháo nổ trên mạng xã hội sẽ bị truy xét đến cùng. Người dân phát hiện hành vi "
            "vi phạm báo ngay cho công an phường, xã.",
        ),
        topics=("an-ninh-trat-tu",),
    ),
    Story(
        "ca-giao-thong-cuoi-nam", "congan", NOTICE, 1, 9,
        "Cao điểm bảo đảm trật tự, an toàn giao thông dịp cuối năm",
        "Lực lượng cảnh sát giao thông tăng cường kiểm soát nồng độ cồn, tốc độ và xe chở quá tải trên "
        "các tuyến cửa ngõ.",
        (
            "Các tổ công tác làm việc cả ban ngày và ban đêm; xử lý nghiêm người điều khiển phương tiện "
            "có nồng độ cồn. Người dân lựa chọn phương tiện công cộng khi đi dự tiệc cuối năm.",
        ),
        topics=("giao-thong", "an-ninh-trat-tu"),
    ),
    # --- Phường Hoàn Kiếm ---------------------------------------------------------------------
    Story(
        "hk-khong-gian-di-bo", "hoankiem", NOTICE, 56, 10,
        "Mở rộng không gian đi bộ khu vực hồ Hoàn Kiếm vào các tối cuối tuần",
        "Thêm một số tuyến phố cổ được tổ chức đi bộ từ 19 giờ tối thứ Sáu đến 24 giờ Chủ nhật.",
        (
            "Các hộ kinh doanh trên tuyến không bày bán hàng hóa ra lòng đường; khu vực trông giữ xe được "
            "bố trí tại các điểm đỗ xe của phường với giá niêm yết công khai.",
        ),
        topics=("van-hoa-du-lich", "giao-thong"),
        areas=("phuong-hoan-kiem",),
    ),
    Story(
        "hk-via-he", "hoankiem", PR, 34, 9,
        "Ra quân lập lại trật tự vỉa hè trên các tuyến phố cổ",
        "Phường Hoàn Kiếm ra quân lập lại trật tự vỉa hè, dành lối đi cho người đi bộ trên 20 tuyến phố.",
        (
            "Tổ công tác của phường hướng dẫn các hộ kinh doanh sắp xếp hàng hóa gọn gàng, xử lý trường "
            "hợp cố tình tái lấn chiếm. Kết quả được cập nhật hằng tuần trên trang thông tin của phường.",
        ),
        topics=("an-ninh-trat-tu", "xay-dung-do-thi"),
        areas=("phuong-hoan-kiem",),
    ),
    Story(
        "hk-trong-giu-xe", "hoankiem", ANSWER, 17, 15,
        "Trả lời báo chí về việc trông giữ xe thu quá giá quy định quanh hồ Hoàn Kiếm",
        "Phường Hoàn Kiếm đã kiểm tra điểm trông giữ xe bị phản ánh và xử phạt hành vi thu quá giá.",
        (
            "Điểm trông giữ xe vi phạm đã bị đình chỉ hoạt động. Phường bố trí lực lượng kiểm tra thường "
            "xuyên vào các tối cuối tuần; người dân phản ánh qua đường dây nóng của phường hoặc iHanoi.",
        ),
        topics=("xa-hoi", "van-hoa-du-lich"),
        areas=("phuong-hoan-kiem",),
    ),
    Story(
        "hk-ngay-hoi-pho-co", "hoankiem", PR, 6, 10,
        "Ngày hội văn hóa phố cổ: trình diễn nghề thủ công truyền thống",
        "Các nghệ nhân trình diễn làm đồ đồng, chạm bạc, làm quạt giấy và tò he tại các ngôi nhà cổ.",
        (
            "Ngày hội nhằm giới thiệu các làng nghề, phố nghề của Thăng Long - Hà Nội đến người dân và du "
            "khách; vào cửa tự do.",
        ),
        topics=("van-hoa-du-lich",),
        areas=("phuong-hoan-kiem",),
    ),
]  # fmt: skip
