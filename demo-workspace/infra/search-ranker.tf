# Search ranking endpoint (SageMaker hosting), owned by the search team.
# Sized for the spring traffic peak; reviewed against latency in the weekly ops meeting.

variable "ranker_instance_type" {
  type    = string
  default = "ml.c5.2xlarge"
}

resource "aws_sagemaker_model" "ranker" {
  name               = "search-ranker-lgbm-v7"
  execution_role_arn = "arn:aws:iam::123456789012:role/acme-sagemaker-hosting"

  primary_container {
    image          = "683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-xgboost:1.7-1"
    model_data_url = "s3://acme-ml-models/search-ranker/v7/model.tar.gz"
  }
}

resource "aws_sagemaker_endpoint_configuration" "ranker" {
  name = "search-ranker-config-v7"

  production_variants {
    variant_name           = "AllTraffic"
    model_name             = aws_sagemaker_model.ranker.name
    instance_type          = var.ranker_instance_type
    initial_instance_count = 2
  }
}

resource "aws_sagemaker_endpoint" "ranker" {
  name                 = "search-ranker"
  endpoint_config_name = aws_sagemaker_endpoint_configuration.ranker.name
}
