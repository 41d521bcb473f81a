// A small admission checker over the C++ API: an AdmissionReview on stdin,
// the AdmissionReview response on stdout. Policies are the arguments
// (files, folders, standard packs); pss/baseline when none are given.
//
//   admission_check pss/restricted < review.json
#include <writ/writ.hpp>

#include <iostream>
#include <iterator>

int main(int argc, char** argv) {
  std::vector<std::string> policies(argv + 1, argv + argc);
  if (policies.empty()) policies.push_back("pss/baseline");
  auto set = writ::PolicySet::compile(policies);
  if (!set) {
    std::cerr << set.error_text();
    return 2;
  }
  std::string review((std::istreambuf_iterator<char>(std::cin)), std::istreambuf_iterator<char>());
  writ::Evaluator evaluator(*set);  // one per thread; reuse it for every request
  auto response = evaluator.admission_response(review);
  if (!response) {
    std::cerr << response.error_text();
    return 2;
  }
  std::cout << *response << "\n";
  return 0;
}
